//! The exercise of chapter 3 (Listing 3-4): `counted`. These tests pass on
//! the book's solution, `listings/src/count_polls.rs`; on the starter,
//! `listings/exercises/count_polls.rs`, run with
//! `cargo test -p listings --features starter --test exercise_count_polls`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};

use common::counting_waker;
use futures::executor::block_on;
use listings::checkout::checkout;
use listings::count_polls::counted;
use listings::round_trip::round_trip;

#[test]
fn a_round_trip_takes_two_polls() {
    assert_eq!(block_on(counted(round_trip("reply"))), ("reply", 2));
}

#[test]
fn the_checkout_takes_four_polls() {
    let (order, polls) = block_on(counted(Box::pin(checkout("ada"))));
    assert_eq!((order.0, polls), (42, 4));
}

#[test]
fn the_inner_future_wakes_the_waker_of_the_outer_poll() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(counted(round_trip(7)));
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(counter.count(), 1, "the round trip's wake did not reach our waker");
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready((7, 2)));
    assert_eq!(counter.count(), 1);
}
