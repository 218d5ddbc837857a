// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/block_on_timeout.rs.
//! The exercise of chapter 5 and its solution (shown in the appendix):
//! `block_on_timeout`, a `block_on` that gives up at a deadline.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// Listing 5-3's waker, copied here because that one is private to
/// `listings::block_on`: `wake` sets `woken` and unparks the thread.
pub struct ThreadWaker {
    pub thread: Thread,
    pub woken: AtomicBool,
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

/// Runs `future` on this thread like `block_on`, but for at most `timeout`:
/// `Some(output)` if it is ready by then, `None` if not (the unfinished
/// future is dropped). Polls at least once, and again only after a wake.
pub fn block_on_timeout<F>(future: F, timeout: Duration) -> Option<F::Output>
where
    F: Future,
{
    todo!()
}
