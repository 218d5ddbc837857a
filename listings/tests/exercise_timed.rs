//! The exercise of chapter 18 (Listing 18-5): `timed`. These tests pass on
//! the book's solution, `listings/src/state_machines/timed.rs`; on the
//! starter, `listings/exercises/state_machines/timed.rs`, run with
//! `cargo test -p listings --features starter --test exercise_timed`, they
//! fail until you have written it. They run on a paused Tokio clock, so every
//! duration they check is exact.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::state_machines::timed::timed;
use tokio::time::sleep;

#[tokio::test(start_paused = true)]
async fn timed_measures_the_wait_of_its_future() {
    // `Sleep` is not `Unpin`: the wrapper holds it inline, with no box.
    let (output, took) = timed(async {
        sleep(Duration::from_millis(50)).await;
        "done"
    })
    .await;
    assert_eq!(output, "done");
    assert_eq!(took, Duration::from_millis(50));
}

#[tokio::test(start_paused = true)]
async fn timed_starts_its_clock_at_the_first_poll_not_at_creation() {
    // An `async` block is lazy: its sleep starts at the first poll too.
    let waiting = timed(async { sleep(Duration::from_millis(50)).await });
    sleep(Duration::from_secs(1)).await; // created, not yet polled
    let ((), took) = waiting.await;
    assert_eq!(took, Duration::from_millis(50));
}

#[tokio::test(start_paused = true)]
async fn timed_is_ready_on_the_poll_its_future_is_ready() {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let mut at_once = pin!(timed(async { 7 }));
    assert_eq!(at_once.as_mut().poll(&mut cx), Poll::Ready((7, Duration::ZERO)));
    let mut later = pin!(timed(sleep(Duration::from_millis(10))));
    assert!(later.as_mut().poll(&mut cx).is_pending());
}
