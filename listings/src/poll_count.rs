//! Counting how often a future is polled.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::pin;

// ANCHOR: counting_polls
/// Awaits `future`, adding one to `polls` every time it is polled.
pub async fn counting_polls<F: Future>(future: F, polls: &Cell<u32>) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        polls.set(polls.get() + 1);
        future.as_mut().poll(cx)
    })
    .await
}
// ANCHOR_END: counting_polls
