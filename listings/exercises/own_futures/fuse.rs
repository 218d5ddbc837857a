// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/own_futures/fuse.rs.
//! The exercise of chapter 15 and its solution (shown in the appendix):
//! `fuse`, a wrapper that keeps the last rule of the contract for its caller.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::FusedFuture;

/// Wraps `future` so that it may be polled after `Ready`: the wrapper
/// answers `Pending` then, without polling `future` again, and says through
/// `FusedFuture::is_terminated` whether it has finished.
pub fn fuse<F: Future + Unpin>(future: F) -> Fuse<F> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the state it needs, and write `poll` and `is_terminated`.
pub struct Fuse<F>(F);

impl<F: Future + Unpin> Future for Fuse<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        todo!()
    }
}

impl<F: Future + Unpin> FusedFuture for Fuse<F> {
    fn is_terminated(&self) -> bool {
        todo!()
    }
}
