//! The exercise of chapter 12 and its solution (shown in the appendix):
//! `within_polls`, a limit counted in polls rather than in time.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
/// Polls `future` at most `polls` times. Ready with `Some(output)` if it is
/// ready by then; with `None` on the last poll it was allowed if it is not,
/// or at once, without polling it, if `polls` is 0.
pub fn within_polls<F: Future + Unpin>(polls: u32, future: F) -> WithinPolls<F> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    WithinPolls { inner: future, left: polls }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The future and how many more polls it may have.
pub struct WithinPolls<F> {
    inner: F,
    left: u32,
}

impl<F: Future + Unpin> Future for WithinPolls<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        self.left -= 1;
        match Pin::new(&mut self.inner).poll(cx) {
            Poll::Ready(output) => Poll::Ready(Some(output)),
            // Out of polls: answer now, rather than wait for one more.
            Poll::Pending if self.left == 0 => Poll::Ready(None),
            // The inner future arranged its wake (or did not): nothing to add.
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll`.
// pub struct WithinPolls<F>(F);
//
// impl<F: Future + Unpin> Future for WithinPolls<F> {
//     type Output = Option<F::Output>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
