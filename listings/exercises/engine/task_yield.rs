// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/task_yield.rs.
//! The exercise of chapter 30 and its solution (shown in the appendix):
//! `yield_now`, a future that gives the thread back to the queue once, and
//! what the task's state word makes of the wake it rings during its poll.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Answers `Pending` once, having woken its own task, so that the task
/// goes to the back of its queue and every task queued before it runs
/// first; ready on the next poll.
pub fn yield_now() -> YieldNow {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with what `yield_now` needs, and write `poll`.
pub struct YieldNow;

impl Future for YieldNow {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!()
    }
}
