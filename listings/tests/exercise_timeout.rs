//! The exercise of chapter 13 (Listing 13-5): `timeout` on the thread timer.
//! These tests pass on the book's solution,
//! `listings/src/own_futures/timeout.rs`; on the starter,
//! `listings/exercises/own_futures/timeout.rs`, run with
//! `cargo test -p listings --features starter --test exercise_timeout`, they
//! fail until you have written it.

mod common;

use std::future::pending;
use std::time::{Duration, Instant};

use common::{on_current_thread, within_limit};
use listings::block_on::block_on;
use listings::own_futures::ready_after::ReadyAfter;
use listings::own_futures::timeout::{Elapsed, timeout};

#[test]
fn timeout_is_ok_when_the_future_is_ready_first() {
    let (result, took) = within_limit("block_on(timeout(..))", || {
        let start = Instant::now();
        let result = block_on(timeout(Duration::from_secs(5), ReadyAfter::waking(3)));
        (result, start.elapsed())
    });
    assert_eq!(result, Ok(3));
    assert!(took < Duration::from_secs(5), "it waited for the timer: {took:?}");
}

#[test]
fn timeout_is_err_once_the_limit_has_passed() {
    let limit = Duration::from_millis(50);
    let (under_block_on, took) =
        within_limit("block_on(timeout(pending))", move || {
            let start = Instant::now();
            let result = block_on(timeout(limit, pending::<()>()));
            (result, start.elapsed())
        });
    assert_eq!(under_block_on, Err(Elapsed));
    assert!(took >= limit, "Err after {took:?}, before the limit");
    let under_tokio = within_limit("timeout(pending) under Tokio", move || {
        on_current_thread(timeout(limit, pending::<()>()))
    });
    assert_eq!(under_tokio, Err(Elapsed));
}

#[test]
fn timeout_polls_the_future_before_the_timer() {
    // `not_waking(2)` never wakes the task; the timer's wake is its second
    // poll, and a timeout that asks the future first gets its `Ready`.
    let result = within_limit("block_on(timeout(not_waking(2)))", || {
        block_on(timeout(Duration::from_millis(50), ReadyAfter::not_waking(2)))
    });
    assert_eq!(result, Ok(2));
}
