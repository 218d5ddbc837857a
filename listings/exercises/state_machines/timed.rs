// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/timed.rs.
//! The exercise of chapter 18 and its solution (shown in the appendix):
//! `timed`, a pin-projected wrapper that measures how long its future took.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::time::Instant;

/// Wraps `inner`, which need not be `Unpin`, and is ready with its output and
/// the time from the wrapper's first poll to its `Ready`, read from
/// `tokio::time::Instant` (so that a paused Tokio clock controls it).
pub fn timed<F: Future>(inner: F) -> Timed<F> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace it
/// with a pin-projected struct, and write `poll`.
pub struct Timed<F>(std::marker::PhantomData<F>, Option<Instant>);

impl<F: Future> Future for Timed<F> {
    type Output = (F::Output, Duration);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
