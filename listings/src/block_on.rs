//! Running a future to completion on the current thread.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: spin
/// Polls `future` in a loop until it is ready. Correct, and it keeps a CPU
/// core busy the whole time.
pub fn block_on_spin<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
// ANCHOR_END: spin

// ANCHOR: waker
/// A waker for a thread that sleeps while its future is pending.
struct ThreadWaker {
    thread: Thread,
    /// Set by `wake`, cleared by the thread before it polls again.
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

impl ThreadWaker {
    fn for_current_thread() -> Arc<ThreadWaker> {
        Arc::new(ThreadWaker {
            thread: thread::current(),
            woken: AtomicBool::new(false),
        })
    }
}
// ANCHOR_END: waker

// ANCHOR: park
/// Sleeps between polls: polls, parks, polls again whenever `park` returns.
pub fn block_on_park<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(ThreadWaker::for_current_thread());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        thread::park();
    }
}
// ANCHOR_END: park

// ANCHOR: block_on
/// Runs `future` to completion on this thread, sleeping while it is pending
/// and polling again only after its waker was called.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let thread_waker = ThreadWaker::for_current_thread();
    let waker = Waker::from(Arc::clone(&thread_waker));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // `park` can return without a wake: spuriously, or because someone
        // unparked this thread for a reason of their own. Only a real wake
        // sets `woken`, so sleep until one has happened.
        while !thread_waker.woken.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
}
// ANCHOR_END: block_on
