//! The exercise of chapter 13 and its solution (shown in the appendix):
//! `timeout`, a future raced against chapter 13's thread timer.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::own_futures::thread_timer::{ThreadTimer, thread_timer};

// ANCHOR: solution
// ANCHOR: exercise
/// What `timeout` answers when its limit passes before the future is ready.
#[derive(Debug, PartialEq, Eq)]
pub struct Elapsed;

/// Runs `future` beside a `ThreadTimer` of `limit`: `Ok(output)` if the
/// future is ready first, `Err(Elapsed)` once the timer has fired. Each poll
/// polls the future first, then the timer.
pub fn timeout<F: Future + Unpin>(limit: Duration, future: F) -> Timeout<F> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Timeout { inner: future, timer: thread_timer(limit) }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The future and its timer, side by side.
pub struct Timeout<F> {
    inner: F,
    timer: ThreadTimer,
}

impl<F: Future + Unpin> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(output) = Pin::new(&mut self.inner).poll(cx) {
            return Poll::Ready(Ok(output));
        }
        // The same `cx` for both: whichever wakes first, the task is polled
        // again, and so are both futures.
        match Pin::new(&mut self.timer).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed)),
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll`.
// pub struct Timeout<F>(F, ThreadTimer);
//
// impl<F: Future + Unpin> Future for Timeout<F> {
//     type Output = Result<F::Output, Elapsed>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
