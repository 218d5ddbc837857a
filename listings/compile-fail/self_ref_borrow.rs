// ANCHOR: main
/// The same frame, with a safe reference instead of a raw pointer.
struct Frame<'a> {
    buffer: [u8; 8],
    start: &'a [u8],
}

fn main() {
    let mut frame = Frame { buffer: *b"GET /hi\n", start: &[] };
    frame.start = &frame.buffer[..3];
    let moved = Box::new(frame);
    println!("{:?}", moved.start);
}
// ANCHOR_END: main
