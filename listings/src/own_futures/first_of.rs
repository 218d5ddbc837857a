//! The exercise of chapter 14 and its solution (shown in the appendix):
//! `first_of`, a race of two `Unpin` futures.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
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
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    FirstOf { left, right }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The two futures of the race. Both are `Unpin`, so `FirstOf` is too.
pub struct FirstOf<L, R> {
    left: L,
    right: R,
}

impl<L, R> Future for FirstOf<L, R>
where
    L: Future + Unpin,
    R: Future + Unpin,
{
    type Output = Either<L::Output, R::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `Self` is `Unpin`, so the pin hands out `&mut Self`, and each field
        // is `Unpin`, so `Pin::new` pins a borrow of it.
        if let Poll::Ready(output) = Pin::new(&mut self.left).poll(cx) {
            return Poll::Ready(Either::Left(output));
        }
        Pin::new(&mut self.right).poll(cx).map(Either::Right)
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll`.
// pub struct FirstOf<L, R>(L, R);
//
// impl<L, R> Future for FirstOf<L, R>
// where
//     L: Future + Unpin,
//     R: Future + Unpin,
// {
//     type Output = Either<L::Output, R::Output>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
