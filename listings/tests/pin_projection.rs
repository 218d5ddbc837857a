//! Chapter 18: both projections count the polls of a future that is not
//! `Unpin`. Runs under Miri.

use std::future::{Future, ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use listings::round_trip::round_trip;
use listings::state_machines::counted::counted;
use listings::state_machines::counted_lite::counted_lite;

/// Polls `future` with a waker that does nothing until it is ready.
fn poll_to_end<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

/// An async fn that awaits twice (not `Unpin`, ready on its third poll)
/// and is really self-referential: `first` lives inside the future, and
/// `borrowed` points at it across the second await. Under Miri, every poll
/// through a projection uses that pointer.
async fn two_trips() -> u32 {
    let first = round_trip(20).await;
    let borrowed = &first;
    let second = round_trip(22).await;
    *borrowed + second
}

#[test]
fn the_hand_projection_counts_every_poll_of_a_pinned_future() {
    assert_eq!(poll_to_end(counted(two_trips())), (42, 3));
}

#[test]
fn pin_project_lite_counts_the_same() {
    assert_eq!(poll_to_end(counted_lite(two_trips())), (42, 3));
}

#[test]
fn a_ready_future_is_polled_once() {
    assert_eq!(poll_to_end(counted(ready('x'))), ('x', 1));
    assert_eq!(poll_to_end(counted_lite(ready('x'))), ('x', 1));
}
