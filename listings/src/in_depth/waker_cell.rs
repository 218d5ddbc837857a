//! The exercise of chapter 24 and its solution (shown in the appendix): a
//! cell that keeps the latest waker, the bookkeeping of `Alarm`'s bell on
//! its own, as `futures`' `AtomicWaker` is.

use std::sync::Mutex;
use std::task::Waker;

// ANCHOR: solution
// ANCHOR: cut
/// The waker to call when an event comes, kept current by every poll.
pub struct WakerCell {
    /// `None` before the first `register`, and after each `wake`.
    waker: Mutex<Option<Waker>>,
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your cell. This placeholder only lets the starter compile: give it
// /// what it needs to keep a waker.
// pub struct WakerCell;
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl WakerCell {
    /// An empty cell: a `wake` now wakes nobody.
    pub fn new() -> WakerCell {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        WakerCell { waker: Mutex::new(None) }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Keeps `waker` as the one to wake, in place of the last one. Clones
    /// it only if the one kept would not wake the same task.
    pub fn register(&self, waker: &Waker) {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let mut kept = self.waker.lock().unwrap();
        match kept.as_ref() {
            Some(old) if old.will_wake(waker) => {} // same task: keep it
            _ => *kept = Some(waker.clone()),
        }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Wakes the waker kept, if there is one, and empties the cell.
    pub fn wake(&self) {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let waker = self.waker.lock().unwrap().take();
        // The lock is released at the end of the statement above: the
        // waker may poll its task at once, and that poll may register.
        if let Some(waker) = waker {
            waker.wake();
        }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution

impl Default for WakerCell {
    fn default() -> WakerCell {
        WakerCell::new()
    }
}
