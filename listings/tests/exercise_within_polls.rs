//! The exercise of chapter 12 (Listing 12-8): `within_polls`. These tests
//! pass on the book's solution, `listings/src/own_futures/within_polls.rs`;
//! on the starter, `listings/exercises/own_futures/within_polls.rs`, run with
//! `cargo test -p listings --features starter --test exercise_within_polls`,
//! they fail until you have written it.

mod common;

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::{Context, Poll};

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::own_futures::ready_after::ReadyAfter;
use listings::own_futures::within_polls::within_polls;
use listings::poll_count::counting_polls;

/// Runs `within_polls(budget, ReadyAfter::waking(needed))` under Part I's
/// `block_on`: its output and how often it was polled.
fn run(budget: u32, needed: u32) -> (Option<u32>, u32) {
    within_limit("block_on(within_polls(..))", move || {
        let polls = Cell::new(0);
        let output = block_on(counting_polls(
            within_polls(budget, ReadyAfter::waking(needed)),
            &polls,
        ));
        (output, polls.get())
    })
}

#[test]
fn within_polls_is_some_when_the_future_is_ready_in_time() {
    assert_eq!(run(3, 3), (Some(3), 3));
    assert_eq!(run(5, 2), (Some(2), 2));
}

#[test]
fn within_polls_is_none_on_the_last_poll_it_allows() {
    assert_eq!(run(3, 10), (None, 3));
    assert_eq!(run(1, 2), (None, 1));
}

#[test]
fn within_polls_of_zero_never_polls_the_future() {
    let never = poll_fn(|_: &mut Context<'_>| -> Poll<u32> {
        panic!("a budget of 0 polls should not poll the future")
    });
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut limited = pin!(within_polls(0, never));
    assert_eq!(limited.as_mut().poll(&mut cx), Poll::Ready(None));
    assert_eq!(wakes.count(), 0);
}

#[test]
fn within_polls_adds_no_wake_of_its_own() {
    for (future, expected_wakes) in
        [(ReadyAfter::not_waking(3), 0), (ReadyAfter::waking(3), 2)]
    {
        let (wakes, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut limited = pin!(within_polls(5, future));
        assert_eq!(limited.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(limited.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(limited.as_mut().poll(&mut cx), Poll::Ready(Some(3)));
        assert_eq!(wakes.count(), expected_wakes, "the wakes are the inner future's");
    }
}
