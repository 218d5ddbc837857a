//! The exercise of chapter 15 and its solution (shown in the appendix):
//! `fuse`, a wrapper that keeps the last rule of the contract for its caller.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::FusedFuture;

// ANCHOR: solution
// ANCHOR: exercise
/// Wraps `future` so that it may be polled after `Ready`: the wrapper
/// answers `Pending` then, without polling `future` again, and says through
/// `FusedFuture::is_terminated` whether it has finished.
pub fn fuse<F: Future + Unpin>(future: F) -> Fuse<F> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Fuse { inner: Some(future) }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The future, until it has answered `Ready`.
pub struct Fuse<F> {
    inner: Option<F>,
}

impl<F: Future + Unpin> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let Some(inner) = self.inner.as_mut() else {
            // Finished: no wake to arrange, for there is nothing left to do.
            return Poll::Pending;
        };
        let output = std::task::ready!(Pin::new(inner).poll(cx));
        self.inner = None; // dropped now, not when the wrapper is
        Poll::Ready(output)
    }
}

impl<F: Future + Unpin> FusedFuture for Fuse<F> {
    fn is_terminated(&self) -> bool {
        self.inner.is_none()
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the state it needs, and write `poll` and `is_terminated`.
// pub struct Fuse<F>(F);
//
// impl<F: Future + Unpin> Future for Fuse<F> {
//     type Output = F::Output;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
//         todo!()
//     }
// }
//
// impl<F: Future + Unpin> FusedFuture for Fuse<F> {
//     fn is_terminated(&self) -> bool {
//         todo!()
//     }
// }
// ANCHOR_END: starter
