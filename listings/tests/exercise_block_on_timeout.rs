//! The exercise of chapter 5 (Listing 5-9): `block_on_timeout`. These tests
//! pass on the book's solution, `listings/src/block_on_timeout.rs`; on the
//! starter, `listings/exercises/block_on_timeout.rs`, run with
//! `cargo test -p listings --features starter --test exercise_block_on_timeout`,
//! they fail until you have written it.

mod common;

use std::cell::Cell;
use std::thread;
use std::time::{Duration, Instant};

use common::within_limit;
use listings::block_on_timeout::block_on_timeout;
use listings::oneshot;
use listings::poll_count::counting_polls;

#[test]
fn a_ready_future_is_ready_even_with_no_time_at_all() {
    let answer = within_limit("block_on_timeout", || {
        block_on_timeout(std::future::ready(7), Duration::ZERO)
    });
    assert_eq!(answer, Some(7));
}

#[test]
fn a_value_sent_in_time_arrives() {
    let answer = within_limit("block_on_timeout", || {
        let (sender, receiver) = oneshot::channel();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(20));
            sender.send("balance: 100");
        });
        block_on_timeout(receiver, common::LIMIT)
    });
    assert_eq!(answer, Some(Ok("balance: 100")));
}

#[test]
fn a_future_never_woken_gives_up_at_the_deadline_after_one_poll() {
    let (answer, polls, took) = within_limit("block_on_timeout", || {
        let polls = Cell::new(0);
        let start = Instant::now();
        let future = counting_polls(std::future::pending::<()>(), &polls);
        let answer = block_on_timeout(future, Duration::from_millis(50));
        (answer, polls.get(), start.elapsed())
    });
    assert_eq!((answer, polls), (None, 1));
    assert!(took >= Duration::from_millis(50), "gave up early, after {took:?}");
}

#[test]
fn stray_unparks_neither_poll_again_nor_end_the_wait() {
    let (answer, polls, took) = within_limit("block_on_timeout", || {
        let me = thread::current();
        let stray = thread::spawn(move || {
            for _ in 0..100 {
                me.unpark();
                thread::sleep(Duration::from_millis(1));
            }
        });
        let polls = Cell::new(0);
        let start = Instant::now();
        let future = counting_polls(std::future::pending::<()>(), &polls);
        let answer = block_on_timeout(future, Duration::from_millis(150));
        let took = start.elapsed();
        stray.join().unwrap();
        (answer, polls.get(), took)
    });
    assert_eq!((answer, polls), (None, 1), "a stray unpark bought a poll");
    assert!(took >= Duration::from_millis(150), "gave up early, after {took:?}");
}
