// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/own_futures/timeout.rs.
//! The exercise of chapter 13 and its solution (shown in the appendix):
//! `timeout`, a future raced against chapter 13's thread timer.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::own_futures::thread_timer::{ThreadTimer, thread_timer};

/// What `timeout` answers when its limit passes before the future is ready.
#[derive(Debug, PartialEq, Eq)]
pub struct Elapsed;

/// Runs `future` beside a `ThreadTimer` of `limit`: `Ok(output)` if the
/// future is ready first, `Err(Elapsed)` once the timer has fired. Each poll
/// polls the future first, then the timer.
pub fn timeout<F: Future + Unpin>(limit: Duration, future: F) -> Timeout<F> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll`.
pub struct Timeout<F>(F, ThreadTimer);

impl<F: Future + Unpin> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
