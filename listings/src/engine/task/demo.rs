//! Chapters 30 and 31: small pieces the examples and tests run as tasks: a
//! future that waits for one wake, and counters of drops, so that a test can
//! see what was dropped, how often, and on which thread.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use listings::engine::task::{Notified, Schedule};

/// Where a waiting future leaves its waker, for someone else to wake.
pub type WakerSlot = Arc<Mutex<Option<Waker>>>;

// ANCHOR: wait_for_wake
/// Pending on its first poll, after leaving a clone of its waker in the
/// slot; ready on the next.
pub struct WaitForWake {
    slot: WakerSlot,
    polled: bool,
}

impl WaitForWake {
    /// A future that leaves its waker in `slot`.
    pub fn new(slot: &WakerSlot) -> WaitForWake {
        WaitForWake { slot: Arc::clone(slot), polled: false }
    }
}

impl Future for WaitForWake {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polled {
            return Poll::Ready(());
        }
        self.polled = true;
        *self.slot.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: wait_for_wake

/// Counts drops, and remembers the name of the thread of the last one.
#[derive(Clone, Default)]
pub struct Drops {
    count: Arc<AtomicUsize>,
    thread: Arc<Mutex<Option<String>>>,
}

impl Drops {
    /// A new counter at zero.
    pub fn new() -> Drops {
        Drops::default()
    }

    /// How many drops it has counted.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// The name of the thread the last drop ran on (`"unnamed"` if none).
    pub fn last_thread(&self) -> Option<String> {
        self.thread.lock().unwrap().clone()
    }

    /// A value whose drop this counter counts.
    pub fn guard(&self) -> DropGuard {
        DropGuard(self.clone())
    }

    fn note(&self) {
        let name = std::thread::current().name().unwrap_or("unnamed").to_string();
        *self.thread.lock().unwrap() = Some(name);
        self.count.fetch_add(1, Ordering::SeqCst);
    }
}

/// Counts itself in its `Drops` when dropped. Put one in a future (as a
/// local of an `async` block) or return one as the output.
pub struct DropGuard(Drops);

impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.note();
    }
}

/// A scheduler that counts its own drops: it lives inside the task's
/// allocation, so it is dropped when, and only when, the task is freed.
pub struct CountFrees<S> {
    inner: S,
    frees: Drops,
}

impl<S> CountFrees<S> {
    /// Wraps `inner`, counting in `frees`.
    pub fn new(inner: S, frees: &Drops) -> CountFrees<S> {
        CountFrees { inner, frees: frees.clone() }
    }
}

impl<S: Schedule> Schedule for CountFrees<S> {
    fn schedule(&self, task: Notified) {
        self.inner.schedule(task);
    }
}

impl<S> Drop for CountFrees<S> {
    fn drop(&mut self) {
        self.frees.note();
    }
}

/// Pending once, after waking its own task; ready on the next poll: a task
/// that gives the loop one turn.
pub struct YieldNow {
    yielded: bool,
}

/// A future that yields once (see `YieldNow`).
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

// ANCHOR: loud
/// Prints, when dropped, what it stands for and the thread that dropped it.
pub struct Loud(pub &'static str);

impl Drop for Loud {
    fn drop(&mut self) {
        let thread = std::thread::current();
        println!(
            "{} dropped on thread {:?}",
            self.0,
            thread.name().unwrap_or("unnamed")
        );
    }
}
// ANCHOR_END: loud
