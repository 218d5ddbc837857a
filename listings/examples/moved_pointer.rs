//! Chapter 17: what moving a value does to a pointer into itself. Only
//! addresses are compared; nothing is read through a stale pointer.

// ANCHOR: main
/// A frame that keeps a pointer to the start of its own buffer.
struct Frame {
    buffer: [u8; 8],
    start: *const u8,
}

fn main() {
    let mut frame = Frame { buffer: *b"GET /hi\n", start: std::ptr::null() };
    frame.start = frame.buffer.as_ptr();
    let old_place = frame.buffer.as_ptr();
    println!("before the move:");
    println!(
        "  start points into the frame's buffer: {}",
        yes(frame.start == old_place)
    );

    // Moving the frame into a box copies its bytes to the heap. The pointer
    // is copied too, unchanged.
    let moved = Box::new(frame);
    println!("after the move:");
    println!(
        "  the buffer is at a new place: {}",
        yes(moved.buffer.as_ptr() != old_place)
    );
    println!(
        "  start still points at the old place: {}",
        yes(moved.start == old_place)
    );
    println!(
        "  start points into the frame's buffer: {}",
        yes(moved.start == moved.buffer.as_ptr())
    );
}

fn yes(answer: bool) -> &'static str {
    if answer { "yes" } else { "no" }
}
// ANCHOR_END: main
