//! The exercise of chapter 3 and its solution (shown in the appendix):
//! `counted`, a future written by hand that counts the polls of another.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
/// Wraps `future` in a future with the same answers, whose output also
/// says how many polls it took: `(output, polls)`.
pub fn counted<F>(future: F) -> Counted<F>
where
    F: Future + Unpin,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    Counted { inner: future, polls: 0 }
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// The wrapped future and the polls so far.
pub struct Counted<F> {
    inner: F,
    polls: u32,
}

impl<F: Future + Unpin> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        // The same `cx`: the inner future's wake must reach our runner.
        match Pin::new(&mut self.inner).poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, self.polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with the fields `counted` needs, and write `poll`.
// pub struct Counted<F>(F);
//
// impl<F: Future + Unpin> Future for Counted<F> {
//     type Output = (F::Output, u32);
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
