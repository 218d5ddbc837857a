// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/own_futures/within_polls.rs.
//! The exercise of chapter 12 and its solution (shown in the appendix):
//! `within_polls`, a limit counted in polls rather than in time.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Polls `future` at most `polls` times. Ready with `Some(output)` if it is
/// ready by then; with `None` on the last poll it was allowed if it is not,
/// or at once, without polling it, if `polls` is 0.
pub fn within_polls<F: Future + Unpin>(polls: u32, future: F) -> WithinPolls<F> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll`.
pub struct WithinPolls<F>(F);

impl<F: Future + Unpin> Future for WithinPolls<F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
