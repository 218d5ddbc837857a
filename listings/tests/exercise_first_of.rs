//! The exercise of chapter 14 (Listing 14-4): `first_of`. These tests pass
//! on the book's solution, `listings/src/own_futures/first_of.rs`; on the
//! starter, `listings/exercises/own_futures/first_of.rs`, run with
//! `cargo test -p listings --features starter --test exercise_first_of`,
//! they fail until you have written it.

mod common;

use std::future::{pending, ready};
use std::time::{Duration, Instant};

use common::within_limit;
use listings::block_on::block_on;
use listings::checkout::checkout;
use listings::own_futures::first_of::{Either, first_of};
use listings::own_futures::thread_timer::thread_timer;

#[test]
fn first_of_is_ready_with_the_future_that_finishes_first() {
    let (left, right, took) = within_limit("block_on(first_of(timers))", || {
        let start = Instant::now();
        let short = || thread_timer(Duration::from_millis(10));
        let long = || thread_timer(Duration::from_secs(5));
        let left = block_on(first_of(short(), long()));
        let right = block_on(first_of(long(), short()));
        (left, right, start.elapsed())
    });
    assert_eq!(left, Either::Left(()));
    assert_eq!(right, Either::Right(()));
    assert!(took < Duration::from_secs(5), "it waited for the long timer: {took:?}");
}

#[test]
fn first_of_asks_left_first_when_both_are_ready() {
    let winner = within_limit("block_on(first_of(ready, ready))", || {
        block_on(first_of(ready("left"), ready("right")))
    });
    assert_eq!(winner, Either::Left("left"));
}

#[test]
fn first_of_races_the_future_of_an_async_fn_in_a_box() {
    let winner = within_limit("block_on(first_of(checkout, pending))", || {
        let never = async { pending::<()>().await };
        block_on(first_of(Box::pin(never), Box::pin(checkout("ada"))))
    });
    let Either::Right(order) = winner else {
        panic!("the future that never ends won the race")
    };
    assert_eq!(order.0, 42);
}
