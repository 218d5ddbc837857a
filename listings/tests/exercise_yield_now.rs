//! The exercise of chapter 11 (Listing 11-1): `yield_now`. These tests pass
//! on the book's solution, `listings/src/own_futures/yield_now.rs`; on the
//! starter, `listings/exercises/own_futures/yield_now.rs`, run with
//! `cargo test -p listings --features starter --test exercise_yield_now`,
//! they fail until you have written it.

mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use common::{counting_waker, on_current_thread, within_limit};
use listings::block_on::block_on;
use listings::own_futures::yield_now::yield_now;
use listings::poll_count::counting_polls;

#[test]
fn yield_now_wakes_itself_once_before_its_one_pending() {
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(yield_now());
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(wakes.count(), 1, "the first poll should wake the task once");
    assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(()));
    assert_eq!(wakes.count(), 1, "the Ready poll should not wake again");
}

#[test]
fn yield_now_finishes_under_block_on_in_two_polls() {
    let polls = within_limit("block_on(yield_now())", || {
        let polls = Cell::new(0);
        block_on(counting_polls(yield_now(), &polls));
        polls.get()
    });
    assert_eq!(polls, 2);
}

#[test]
fn yield_now_lets_the_other_task_of_its_thread_run_first() {
    let log = within_limit("two tasks on a current-thread runtime", || {
        on_current_thread(async {
            let log = Arc::new(Mutex::new(Vec::new()));
            let (a_log, b_log) = (Arc::clone(&log), Arc::clone(&log));
            let a = tokio::spawn(async move {
                a_log.lock().unwrap().push("a starts");
                yield_now().await;
                a_log.lock().unwrap().push("a resumes");
            });
            let b = tokio::spawn(async move {
                b_log.lock().unwrap().push("b runs");
            });
            a.await.unwrap();
            b.await.unwrap();
            log.lock().unwrap().clone()
        })
    });
    assert_eq!(log, ["a starts", "b runs", "a resumes"]);
}
