//! Chapter 17: a self-referential struct made safe to use by pinning it.
//! The unsafe code here is checked under Miri (`ci/miri.sh`).

use std::marker::PhantomPinned;
use std::pin::Pin;
use std::ptr;

// ANCHOR: cursor
/// A buffer with a pointer to its own first byte. `PhantomPinned` makes it
/// `!Unpin`, so once it is pinned, safe code can never move it again.
pub struct Cursor {
    buffer: [u8; 8],
    start: *const u8,
    _pinned: PhantomPinned,
}

impl Cursor {
    /// The only way to make a cursor: pinned on the heap, pointer set after
    /// the cursor has reached the place it will never leave.
    pub fn new(buffer: [u8; 8]) -> Pin<Box<Cursor>> {
        let mut cursor =
            Box::pin(Cursor { buffer, start: ptr::null(), _pinned: PhantomPinned });
        // SAFETY: we write one field through the `&mut`; nothing is moved out
        // of the pinned place, and `this` is not used after this block.
        unsafe {
            let this = cursor.as_mut().get_unchecked_mut();
            this.start = ptr::addr_of!(this.buffer).cast();
        }
        cursor
    }

    /// The first byte, read through the internal pointer.
    pub fn first(self: Pin<&Self>) -> u8 {
        // SAFETY: `start` was set to this cursor's own buffer in `new`, and a
        // pinned `!Unpin` value has not moved since: it still points there.
        unsafe { *self.start }
    }

    /// Whether the internal pointer points into this very cursor.
    pub fn points_into_itself(self: Pin<&Self>) -> bool {
        ptr::eq(self.start, self.buffer.as_ptr())
    }
}
// ANCHOR_END: cursor
