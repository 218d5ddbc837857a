// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/own_futures/yield_now.rs.
//! The exercise of chapter 11 and its solution (shown in the appendix):
//! `yield_now`, a future that steps aside once and is its own event source.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Answers `Pending` on its first poll, after asking to be polled again, and
/// `Ready(())` on the next: it gives the other tasks of its thread a turn.
pub fn yield_now() -> YieldNow {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the state it needs, and write `poll`.
pub struct YieldNow;

impl Future for YieldNow {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        todo!()
    }
}
