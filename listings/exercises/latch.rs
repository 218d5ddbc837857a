// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/latch.rs.
//! The exercise of chapter 4 and its solution (shown in the appendix): a
//! latch, a future that is ready once several senders have all arrived,
//! built the way the oneshot channel is.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use listings::oneshot::Canceled;

/// `count` arrivals, and the future that waits for them: ready with `Ok(())`
/// once every arrival has called `arrive`, or with `Err(Canceled)` as soon
/// as one is dropped without arriving.
pub fn latch(count: usize) -> (Vec<Arrival>, AllArrived) {
    todo!()
}

/// Your types. These placeholders only let the starter compile: give them
/// the state they share, and write `arrive`, the `Drop` that cancels, and
/// `poll`.
pub struct Arrival;

impl Arrival {
    /// Counts this arrival. It takes `self`: each arrives once.
    pub fn arrive(self) {
        todo!()
    }
}

pub struct AllArrived;

impl Future for AllArrived {
    type Output = Result<(), Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
