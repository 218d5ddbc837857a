//! The exercise of chapter 2 and its solution (shown in the appendix):
//! `poll_at_most`, a runner by hand that gives up after a number of polls.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: solution
// ANCHOR: exercise
/// Polls `future`, with a waker that does nothing, until it is ready or has
/// been polled `limit` times. `Some((output, polls))` if it was ready by
/// then; `None` if not, and then the unfinished future is dropped.
pub fn poll_at_most<F>(future: F, limit: u32) -> Option<(F::Output, u32)>
where
    F: Future,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for poll in 1..=limit {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Some((output, poll));
        }
    }
    None
    // ANCHOR_END: todo
}
// ANCHOR_END: solution
