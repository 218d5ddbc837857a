//! The exercise of chapter 9 and its solution (shown in the appendix):
//! `select`, which runs two futures at once and is ready with the first.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
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
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    Select { a: Some(a), b: Some(b) }
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// Both futures, until one is ready and the other is handed back.
pub struct Select<A, B> {
    a: Option<A>,
    b: Option<B>,
}

impl<A, B> Future for Select<A, B>
where
    A: Future + Unpin,
    B: Future + Unpin,
{
    type Output = Either<(A::Output, B), (B::Output, A)>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Both halves are `Unpin`, so `Select` is, and the pin gives a `&mut`.
        let this = self.get_mut();
        let a = this.a.as_mut().expect("polled after it returned Ready");
        if let Poll::Ready(output) = Pin::new(a).poll(cx) {
            let b = this.b.take().expect("b is kept until one is ready");
            this.a = None;
            return Poll::Ready(Either::Left((output, b)));
        }
        // `a` was polled with `cx` too: whichever wakes first, we hear it.
        let b = this.b.as_mut().expect("b is kept until one is ready");
        if let Poll::Ready(output) = Pin::new(b).poll(cx) {
            let a = this.a.take().expect("a is kept until one is ready");
            this.b = None;
            return Poll::Ready(Either::Right((output, a)));
        }
        Poll::Pending
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with what `select` needs, and write `poll`.
// pub struct Select<A, B>(A, B);
//
// impl<A, B> Future for Select<A, B>
// where
//     A: Future + Unpin,
//     B: Future + Unpin,
// {
//     type Output = Either<(A::Output, B), (B::Output, A)>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
