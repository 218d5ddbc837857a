//! The exercise of chapter 30 (Listing 30-19): `yield_now`. These tests
//! pass on the book's solution, `listings/src/engine/task_yield.rs`; on the
//! starter, `listings/exercises/engine/task_yield.rs`, run with
//! `cargo test -p listings --features starter --test exercise_task_yield`,
//! they fail until you have written it.

mod common;

use std::sync::{Arc, Mutex};

use common::within_limit;
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;
use listings::engine::task::queue::Queue;
use listings::engine::task_yield::yield_now;

#[test]
fn two_tasks_that_yield_take_turns() {
    let log = within_limit("two yielding tasks", || {
        let queue = Queue::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        for name in ["a", "b"] {
            let log = Arc::clone(&log);
            queue.spawn(async move {
                for step in 0..3 {
                    log.lock().unwrap().push(format!("{name}{step}"));
                    yield_now().await;
                }
            });
        }
        queue.run_until_idle();
        log.lock().unwrap().clone()
    });
    assert_eq!(log, ["a0", "b0", "a1", "b1", "a2", "b2"]);
}

#[test]
fn each_yield_costs_exactly_one_more_run() {
    let (runs, finished, left) = within_limit("a task that yields five times", || {
        let queue = Queue::new();
        let handle = queue.spawn(async {
            for _ in 0..5 {
                yield_now().await;
            }
        });
        let runs = queue.run_until_idle();
        (runs, handle.is_finished(), queue.len())
    });
    assert_eq!(runs, 6, "one run to start, one after each yield");
    assert!(finished);
    assert_eq!(left, 0, "the task was queued more than once");
}

#[test]
fn a_yield_is_queued_by_the_runner_once_the_poll_returns() {
    let (during, after) = within_limit("one yield", || {
        let queue = Queue::new();
        let seen = Arc::new(Mutex::new(None));
        let inside = queue.clone();
        let report = Arc::clone(&seen);
        queue.spawn(async move {
            yield_now().await;
            // Back from the yield: nothing else is in the queue now.
            *report.lock().unwrap() = Some(inside.len());
        });
        assert!(queue.run_one(), "the first run");
        let after = queue.len(); // the runner queued it again, once
        queue.run_until_idle();
        let during = seen.lock().unwrap().take();
        (during, after)
    });
    assert_eq!(after, 1, "after the yielding poll, the task waits in line once");
    assert_eq!(during, Some(0));
}

#[test]
fn yields_on_the_runtime_never_park_it() {
    let (counts, log) = within_limit("yields on chapter 28's loop", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let log = Arc::new(Mutex::new(Vec::new()));
        for name in ["x", "y"] {
            let log = Arc::clone(&log);
            handle.spawn(async move {
                for step in 0..2 {
                    log.lock().unwrap().push(format!("{name}{step}"));
                    yield_now().await;
                }
            });
        }
        let counts = runtime.run();
        let log = log.lock().unwrap().clone();
        (counts, log)
    });
    assert_eq!(log, ["x0", "y0", "x1", "y1"]);
    assert_eq!(counts.polls, 6, "three polls per task");
    assert_eq!(counts.parks, 0, "a yield needs no reactor and no timer");
}
