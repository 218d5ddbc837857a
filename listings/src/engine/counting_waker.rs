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

// ANCHOR: solution
// ANCHOR: exercise
/// The four functions of every counting waker. A `static`, so that every
/// waker points at the same table, which `Waker::will_wake` compares.
static VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// A waker whose data pointer is an `Arc<WakeCounts>` turned into a raw
/// pointer, holding one strong count for each waker alive; and the counts,
/// which every clone of the waker shares.
pub fn counting_waker() -> (Waker, Arc<WakeCounts>) {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    let counts = Arc::new(WakeCounts::new());
    // The waker's own strong count, moved into the pointer.
    let data = Arc::into_raw(Arc::clone(&counts)).cast::<()>();
    // SAFETY: `data` comes from `Arc::into_raw` and holds one strong count,
    // and the four functions below keep the contract of `RawWakerVTable`
    // for it: `WakeCounts` is `Send` and `Sync`, so any thread may call them.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) };
    (waker, counts)
    // ANCHOR_END: todo
}

/// `waker.clone()`: one more strong count, the same pointer.
unsafe fn clone(data: *const ()) -> RawWaker {
    // ANCHOR: todo
    let ptr = data.cast::<WakeCounts>();
    // SAFETY: the waker being cloned holds a strong count, so the `Arc` is
    // alive; the new count belongs to the new waker.
    unsafe { Arc::increment_strong_count(ptr) };
    // SAFETY: alive, as above; a shared borrow takes no count.
    unsafe { &*ptr }.live.fetch_add(1, Ordering::Relaxed);
    RawWaker::new(data, &VTABLE)
    // ANCHOR_END: todo
}

/// `waker.wake()`: counts, unparks, and gives back the waker's count.
unsafe fn wake(data: *const ()) {
    // ANCHOR: todo
    // SAFETY: `wake` consumes the waker, so its strong count comes back into
    // this `Arc`, which drops it at the end of the function.
    let counts = unsafe { Arc::from_raw(data.cast::<WakeCounts>()) };
    counts.by_value.fetch_add(1, Ordering::Relaxed);
    counts.live.fetch_sub(1, Ordering::Relaxed);
    counts.thread.unpark();
    // ANCHOR_END: todo
}

/// `waker.wake_by_ref()`: counts and unparks; the waker keeps its count.
unsafe fn wake_by_ref(data: *const ()) {
    // ANCHOR: todo
    // SAFETY: the waker holds a strong count and outlives this call; a
    // shared borrow takes none, and gives none back.
    let counts = unsafe { &*data.cast::<WakeCounts>() };
    counts.by_ref.fetch_add(1, Ordering::Relaxed);
    counts.thread.unpark();
    // ANCHOR_END: todo
}

/// `drop(waker)`: gives back the waker's count, without a wake.
unsafe fn drop_waker(data: *const ()) {
    // ANCHOR: todo
    // SAFETY: the waker is being dropped, so its strong count comes back
    // into this `Arc`, which drops it at the end of the function.
    let counts = unsafe { Arc::from_raw(data.cast::<WakeCounts>()) };
    counts.live.fetch_sub(1, Ordering::Relaxed);
    // ANCHOR_END: todo
}
// ANCHOR_END: solution
