// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/limit.rs.
//! The exercise of chapter 32 and its solution (shown in the appendix): a
//! limit on how many connections the echo server serves at once, as a
//! small asynchronous semaphore built like chapter 32's `Stop`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// Your types. These placeholders only let the starter compile: give
/// them fields, `Acquire` its `Future` impl, and each the `Drop` it needs.
#[derive(Clone)]
pub struct Limit;

pub struct Acquire;

impl Future for Acquire {
    type Output = Permit;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        todo!()
    }
}

pub struct Permit;

impl Limit {
    /// A limit of `permits` at once.
    pub fn new(permits: usize) -> Limit {
        todo!()
    }

    /// A future of a permit: ready at once if one is free, otherwise when
    /// a `Permit` is dropped and this is the oldest waiter. Dropped while
    /// it waits, it takes nothing, and blocks no other waiter.
    pub fn acquire(&self) -> Acquire {
        todo!()
    }

    /// How many permits nobody holds now.
    pub fn available(&self) -> usize {
        todo!()
    }
}
