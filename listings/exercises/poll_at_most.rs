// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/poll_at_most.rs.
//! The exercise of chapter 2 and its solution (shown in the appendix):
//! `poll_at_most`, a runner by hand that gives up after a number of polls.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls `future`, with a waker that does nothing, until it is ready or has
/// been polled `limit` times. `Some((output, polls))` if it was ready by
/// then; `None` if not, and then the unfinished future is dropped.
pub fn poll_at_most<F>(future: F, limit: u32) -> Option<(F::Output, u32)>
where
    F: Future,
{
    todo!()
}
