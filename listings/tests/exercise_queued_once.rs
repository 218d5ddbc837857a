//! The exercise of chapter 26 (Listing 26-3): a runtime that queues a task
//! at most once. These tests pass on the book's solution,
//! `listings/src/in_depth/queued_once.rs`; on the starter,
//! `listings/exercises/in_depth/queued_once.rs`, run with
//! `cargo test -p listings --features starter --test exercise_queued_once`,
//! they fail until you have written it.

mod common;

use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

use common::within_limit;
use listings::in_depth::line_clock::LineClock;
use listings::in_depth::queued_once::Runtime;
use listings::in_depth::trace::Trace;
use listings::in_depth::trains::{TIMETABLE, journey};

/// Answers `Pending` once, after waking its own task: chapter 26's
/// self-waking poll, in its smallest form.
async fn yield_once() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

#[test]
fn two_wakes_of_a_waiting_task_make_one_poll() {
    let polls = within_limit("two wakes of a waiting task", || {
        let mut runtime = Runtime::new();
        let polls = Arc::new(AtomicU32::new(0));
        let released = Arc::new(AtomicBool::new(false));
        let parked: Arc<Mutex<Option<Waker>>> = Arc::default();
        // Spawned first: leaves its waker, ready once released.
        runtime.spawn({
            let (polls, released, parked) =
                (Arc::clone(&polls), Arc::clone(&released), Arc::clone(&parked));
            poll_fn(move |cx| {
                polls.fetch_add(1, Ordering::SeqCst);
                *parked.lock().unwrap() = Some(cx.waker().clone());
                if released.load(Ordering::SeqCst) {
                    Poll::Ready(())
                } else {
                    Poll::Pending
                }
            })
        });
        // Wakes the first task twice, lets it run, then releases it.
        runtime.spawn(async move {
            let waker = parked.lock().unwrap().clone().unwrap();
            waker.wake_by_ref();
            waker.wake_by_ref();
            yield_once().await;
            released.store(true, Ordering::SeqCst);
            parked.lock().unwrap().take().unwrap().wake();
        });
        runtime.run();
        polls.load(Ordering::SeqCst)
    });
    // Chapter 23's runtime polls it four times: once more for the second
    // of the two wakes, which finds nothing new.
    assert_eq!(polls, 3, "one poll to start, one for both wakes, one to finish");
}

#[test]
fn a_wake_during_the_poll_queues_the_task_again() {
    let polls = within_limit("a task that yields three times", || {
        let mut runtime = Runtime::new();
        runtime.spawn(async {
            for _ in 0..3 {
                yield_once().await;
            }
        });
        runtime.run()
    });
    assert_eq!(polls, 4, "a wake from inside the poll was lost, or doubled");
}

#[test]
fn a_task_woken_twice_in_its_poll_is_polled_once_for_both() {
    let polls = within_limit("a double wake", || {
        let mut runtime = Runtime::new();
        let polls = Arc::new(AtomicU32::new(0));
        let count = Arc::clone(&polls);
        // Wakes itself twice on each of its first two polls.
        runtime.spawn(poll_fn(move |cx| {
            if count.fetch_add(1, Ordering::SeqCst) == 2 {
                return Poll::Ready(());
            }
            cx.waker().wake_by_ref();
            cx.waker().wake_by_ref();
            Poll::Pending
        }));
        let loop_polls = runtime.run();
        (loop_polls, polls.load(Ordering::SeqCst))
    });
    assert_eq!(polls, (3, 3));
}

#[test]
fn the_timetable_runs_as_on_chapter_23s_runtime() {
    let trace = Trace::default();
    let polls = within_limit("the three trains", {
        let trace = trace.clone();
        move || {
            let clock = LineClock::start(TIMETABLE.len());
            let mut runtime = Runtime::new();
            for (train, legs) in TIMETABLE {
                let (clock, trace) = (clock.clone(), trace.clone());
                runtime.spawn(async move {
                    journey(train, legs, |delay| clock.after(delay), trace).await;
                    clock.arrive();
                });
            }
            runtime.run()
        }
    });
    assert_eq!(
        trace.lines(),
        [
            "express: departs",
            "local: departs",
            "freight: departs",
            "express: at Midtown",
            "local: at Midtown",
            "express: at Harbor",
            "local: at Harbor",
            "freight: at Harbor",
        ]
    );
    assert_eq!(polls, 8);
}
