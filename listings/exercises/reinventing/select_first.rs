// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/reinventing/select_first.rs.
//! The exercise of chapter 9 and its solution (shown in the appendix):
//! `select`, which runs two futures at once and is ready with the first.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One of two outcomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Either<L, R> {
    Left(L),
    Right(R),
}

/// Runs `a` and `b` at once. Ready as soon as one of them is: with its
/// output and the other future, unfinished, so the caller can still await
/// it or drop it. If both are ready in the same poll, `a` wins.
pub fn select<A, B>(a: A, b: B) -> Select<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with what `select` needs, and write `poll`.
pub struct Select<A, B>(A, B);

impl<A, B> Future for Select<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    type Output = Either<(A::Output, B), (B::Output, A)>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
