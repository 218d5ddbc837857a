#![allow(unused_mut)]

use listings::state_machines::pinned_cursor::Cursor;

// ANCHOR: main
fn main() {
    let mut first = Cursor::new(*b"GET /hi\n");
    let mut second = Cursor::new(*b"PUT /yo\n");
    // Swapping the two cursors would move each one into the other's place.
    std::mem::swap(&mut *first, &mut *second);
}
// ANCHOR_END: main
