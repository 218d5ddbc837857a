// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/counting_waker.rs.
//! The exercise of chapter 30 and its solution (shown in the appendix): a
//! waker written by hand, four functions of a `RawWakerVTable` on an `Arc`
//! whose pointer is the waker's data, counting every wake and every waker
//! alive. The `unsafe` here is checked under Miri (`ci/miri.sh`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{RawWaker, RawWakerVTable, Waker};
use std::thread::{self, Thread};

/// What the wakers made by one `counting_waker` count, shared by all of
/// them through one `Arc`. Each wake also unparks the thread that called
/// `counting_waker`, so the waker can drive a `block_on` loop.
#[derive(Debug)]
pub struct WakeCounts {
    /// Calls of `wake`, which consumes its waker.
    by_value: AtomicUsize,
    /// Calls of `wake_by_ref`, which keeps it.
    by_ref: AtomicUsize,
    /// Wakers alive: the first one, and every clone not yet dropped or
    /// consumed by `wake`.
    live: AtomicUsize,
    /// The thread every wake unparks.
    thread: Thread,
}

impl WakeCounts {
    /// No wakes yet, one waker alive, waking the current thread.
    fn new() -> Self {
        WakeCounts {
            by_value: AtomicUsize::new(0),
            by_ref: AtomicUsize::new(0),
            live: AtomicUsize::new(1),
            thread: thread::current(),
        }
    }

    /// How many times a waker was woken by value.
    pub fn by_value(&self) -> usize {
        self.by_value.load(Ordering::Relaxed)
    }

    /// How many times a waker was woken by reference.
    pub fn by_ref(&self) -> usize {
        self.by_ref.load(Ordering::Relaxed)
    }

    /// Every wake, by value and by reference.
    pub fn wakes(&self) -> usize {
        self.by_value() + self.by_ref()
    }

    /// How many wakers are alive.
    pub fn live(&self) -> usize {
        self.live.load(Ordering::Relaxed)
    }
}

/// The four functions of every counting waker. A `static`, so that every
/// waker points at the same table, which `Waker::will_wake` compares.
static VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// A waker whose data pointer is an `Arc<WakeCounts>` turned into a raw
/// pointer, holding one strong count for each waker alive; and the counts,
/// which every clone of the waker shares.
pub fn counting_waker() -> (Waker, Arc<WakeCounts>) {
    todo!()
}

/// `waker.clone()`: one more strong count, the same pointer.
unsafe fn clone(data: *const ()) -> RawWaker {
    todo!()
}

/// `waker.wake()`: counts, unparks, and gives back the waker's count.
unsafe fn wake(data: *const ()) {
    todo!()
}

/// `waker.wake_by_ref()`: counts and unparks; the waker keeps its count.
unsafe fn wake_by_ref(data: *const ()) {
    todo!()
}

/// `drop(waker)`: gives back the waker's count, without a wake.
unsafe fn drop_waker(data: *const ()) {
    todo!()
}
