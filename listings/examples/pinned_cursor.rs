//! Chapter 17: a pinned self-referential cursor survives its box moving.

use listings::state_machines::pinned_cursor::Cursor;

// ANCHOR: main
fn main() {
    let cursor = Cursor::new(*b"GET /hi\n");
    println!("points into itself: {}", cursor.as_ref().points_into_itself());

    // Move the box: into a vector, and out again. The cursor stays put.
    let mut shelf = vec![cursor];
    let cursor = shelf.pop().expect("one cursor on the shelf");
    println!(
        "after moving the box, points into itself: {}",
        cursor.as_ref().points_into_itself()
    );
    println!(
        "first byte, read through the pointer: {}",
        cursor.as_ref().first() as char
    );
}
// ANCHOR_END: main
