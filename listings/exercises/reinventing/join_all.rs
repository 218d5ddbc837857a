// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/reinventing/join_all.rs.
//! The exercise of chapter 10 and its solution (shown in the appendix):
//! `join_all`, where each child future gets a waker of its own, so that a
//! wake polls only the child it was meant for.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// Runs every future of `futures` at once; ready with all their outputs, in
/// the order of `futures`. Each is polled at the start and then only after
/// its own waker was called; a finished one is never polled again.
pub fn join_all<F>(futures: Vec<F>) -> JoinAll<F>
where
    F: Future + Unpin,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with the children and their wakers, and write `poll`.
pub struct JoinAll<F>(Vec<F>);

impl<F: Future + Unpin> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
