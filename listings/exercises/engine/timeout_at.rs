// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/timeout_at.rs.
//! The exercise of chapter 29 and its solution (shown in the appendix):
//! `timeout_at`, a future that runs another one against a deadline on the
//! runtime's timers, as `tokio::time::timeout_at` does.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use pin_project_lite::pin_project;

use listings::engine::timer::{HasTimers, Sleep, sleep_until};

/// The error of a future that did not finish before its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

/// Runs `future` until `deadline`, on `handle`'s timers: `Ok` with its
/// output if it finishes first, `Err(Elapsed)` once the deadline has
/// passed. If both are ready in the same poll, the future wins.
pub fn timeout_at<F: Future>(
    handle: &impl HasTimers,
    deadline: Instant,
    future: F,
) -> Timeout<F> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with what `timeout_at` needs, and write `poll`.
pub struct Timeout<F>(F, Sleep);

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}

/// `timeout_at` with a deadline `duration` from now.
pub fn timeout<F: Future>(
    handle: &impl HasTimers,
    duration: Duration,
    future: F,
) -> Timeout<F> {
    timeout_at(handle, Instant::now() + duration, future)
}
