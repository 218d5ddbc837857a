// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/count_polls.rs.
//! The exercise of chapter 3 and its solution (shown in the appendix):
//! `counted`, a future written by hand that counts the polls of another.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Wraps `future` in a future with the same answers, whose output also
/// says how many polls it took: `(output, polls)`.
pub fn counted<F>(future: F) -> Counted<F>
where
    F: Future + Unpin,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with the fields `counted` needs, and write `poll`.
pub struct Counted<F>(F);

impl<F: Future + Unpin> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
