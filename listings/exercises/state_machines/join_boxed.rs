// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/join_boxed.rs.
//! The exercise of chapter 17 and its solution (shown in the appendix):
//! `join_boxed`, many different futures behind one pinned-box type, run side
//! by side.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One type for any future with output `T`: pinned in a box of its own.
pub type BoxedFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Polls every future of `futures` on each poll, until all are ready, and is
/// ready with their outputs in the order of `futures`.
pub fn join_boxed<T>(futures: Vec<BoxedFuture<T>>) -> JoinBoxed<T> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll`.
pub struct JoinBoxed<T>(Vec<BoxedFuture<T>>);

impl<T> Future for JoinBoxed<T> {
    type Output = Vec<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<T>> {
        todo!()
    }
}
