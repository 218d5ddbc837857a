//! Chapter 18: both projections count the polls of a future that is not
//! `Unpin`, and `Unpin` follows the wrapped future. Runs under Miri.

use std::future::{Future, Ready, ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use listings::round_trip::round_trip;
use listings::state_machines::counted::{Counted, counted};
use listings::state_machines::counted_lite::{CountedLite, counted_lite};
use static_assertions::{assert_impl_all, assert_not_impl_any};

// ANCHOR: unpin
assert_impl_all!(Counted<Ready<u8>>: Unpin);
assert_not_impl_any!(Counted<std::marker::PhantomPinned>: Unpin);
assert_impl_all!(CountedLite<Ready<u8>>: Unpin);
assert_not_impl_any!(CountedLite<std::marker::PhantomPinned>: Unpin);
// ANCHOR_END: unpin

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

#[test]
fn the_hand_projection_counts_every_poll_of_a_pinned_future() {
    // An async block that awaits twice: not Unpin, ready on its third poll.
    let two_trips = async { round_trip(20).await + round_trip(22).await };
    assert_eq!(poll_to_end(counted(two_trips)), (42, 3));
}

#[test]
fn pin_project_lite_counts_the_same() {
    let two_trips = async { round_trip(20).await + round_trip(22).await };
    assert_eq!(poll_to_end(counted_lite(two_trips)), (42, 3));
}

#[test]
fn a_ready_future_is_polled_once() {
    assert_eq!(poll_to_end(counted(ready('x'))), ('x', 1));
    assert_eq!(poll_to_end(counted_lite(ready('x'))), ('x', 1));
}
