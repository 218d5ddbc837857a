// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/in_depth/waker_cell.rs.
//! The exercise of chapter 24 and its solution (shown in the appendix): a
//! cell that keeps the latest waker, the bookkeeping of `Alarm`'s bell on
//! its own, as `futures`' `AtomicWaker` is.

use std::sync::Mutex;
use std::task::Waker;

/// Your cell. This placeholder only lets the starter compile: give it
/// what it needs to keep a waker.
pub struct WakerCell;

impl WakerCell {
    /// An empty cell: a `wake` now wakes nobody.
    pub fn new() -> WakerCell {
        todo!()
    }

    /// Keeps `waker` as the one to wake, in place of the last one. Clones
    /// it only if the one kept would not wake the same task.
    pub fn register(&self, waker: &Waker) {
        todo!()
    }

    /// Wakes the waker kept, if there is one, and empties the cell.
    pub fn wake(&self) {
        todo!()
    }
}

impl Default for WakerCell {
    fn default() -> WakerCell {
        WakerCell::new()
    }
}
