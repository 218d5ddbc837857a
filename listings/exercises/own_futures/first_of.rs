// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/own_futures/first_of.rs.
//! The exercise of chapter 14 and its solution (shown in the appendix):
//! `first_of`, a race of two `Unpin` futures.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Which of two futures finished first, with its output.
#[derive(Debug, PartialEq, Eq)]
pub enum Either<L, R> {
    Left(L),
    Right(R),
}

/// Polls `left`, then `right`, and is ready with the output of the first
/// one to finish (`Left` if both are ready on the same poll).
pub fn first_of<L, R>(left: L, right: R) -> FirstOf<L, R>
where
    L: Future + Unpin,
    R: Future + Unpin,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll`.
pub struct FirstOf<L, R>(L, R);

impl<L, R> Future for FirstOf<L, R>
where
    L: Future + Unpin,
    R: Future + Unpin,
{
    type Output = Either<L::Output, R::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
