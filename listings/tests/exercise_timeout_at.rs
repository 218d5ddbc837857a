//! The exercise of chapter 29 (Listing 29-11): `timeout_at`. These tests
//! pass on the book's solution, `listings/src/engine/timeout_at.rs`; on the
//! starter, `listings/exercises/engine/timeout_at.rs`, run with
//! `cargo test -p listings --features starter --test exercise_timeout_at`,
//! they fail until you have written it.

mod common;

use std::future::pending;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::within_limit;
use listings::engine::runtime::{Counts, Runtime};
use listings::engine::timeout_at::{Elapsed, timeout, timeout_at};
use listings::engine::timer::{sleep, sleep_until};
use listings::oneshot;

#[test]
fn a_future_that_never_finishes_times_out_no_sooner_than_its_deadline() {
    let (result, waited, counts, left) = within_limit("a timeout", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let started = Instant::now();
            let result =
                timeout(&timers, Duration::from_millis(100), pending::<u32>()).await;
            tx.send((result, started.elapsed())).unwrap();
        });
        let time = handle.time().clone();
        let counts = runtime.run();
        let (result, waited) = rx.recv().unwrap();
        (result, waited, counts, time.pending())
    });
    assert_eq!(result, Err(Elapsed));
    assert!(waited >= Duration::from_millis(100), "it gave up early: {waited:?}");
    // One poll to start, a park until the deadline, one poll after it. (The
    // park is skipped if this thread was held off the CPU for the whole
    // 100 ms between the first poll and the park: a loaded machine may do
    // that, and the timeout is still right.)
    let Counts { polls, parks, events, fired } = counts;
    assert_eq!((polls, events, fired), (2, 0, 1), "{counts:?}");
    assert!(parks <= 1, "{counts:?}");
    assert_eq!(left, 0, "a timer was left in the table");
}

#[test]
fn a_future_that_finishes_first_gives_its_output_and_leaves_no_timer() {
    let (result, waited, left) = within_limit("a timeout that does not fire", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (reply, answer) = oneshot::channel::<u32>();
        let (tx, rx) = mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let started = Instant::now();
            let result = timeout(&timers, Duration::from_secs(10), answer).await;
            tx.send((result, started.elapsed())).unwrap();
        });
        // Answers after a short sleep, from another task of the runtime.
        let timers = handle.clone();
        handle.spawn(async move {
            sleep(&timers, Duration::from_millis(20)).await;
            reply.send(7);
        });
        let time = handle.time().clone();
        runtime.run();
        let (result, waited) = rx.recv().unwrap();
        (result, waited, time.pending())
    });
    assert_eq!(result, Ok(Ok(7)));
    assert!(waited < Duration::from_secs(5), "it waited for the deadline: {waited:?}");
    assert_eq!(left, 0, "the timeout's timer was left in the table");
}

#[test]
fn when_both_are_ready_in_one_poll_the_future_wins() {
    let result = within_limit("a future due with its deadline", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let deadline = Instant::now() + Duration::from_millis(20);
            let due = sleep_until(&timers, deadline);
            tx.send(timeout_at(&timers, deadline, due).await).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(result, Ok(()), "the future was ready, and should win");
}

#[test]
fn a_deadline_already_past_still_lets_a_ready_future_finish() {
    let results = within_limit("deadlines in the past", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let past = Instant::now();
            let ready = timeout_at(&timers, past, async { "ready" }).await;
            let waiting = timeout_at(&timers, past, pending::<&str>()).await;
            tx.send((ready, waiting)).unwrap();
        });
        let counts = runtime.run();
        assert_eq!(counts.polls, 1, "nothing here needs a second poll");
        rx.recv().unwrap()
    });
    assert_eq!(results, (Ok("ready"), Err(Elapsed)));
}
