//! Chapter 23 and 26: the mini runtime runs every task to the end and stops,
//! and the train timetable prints the same trace every time, on it and on
//! Tokio.

use std::future::poll_fn;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::Poll;
use std::time::Duration;

use listings::in_depth::alarm::Alarm;
use listings::in_depth::handover::hand_over;
use listings::in_depth::runtime::Runtime;
use listings::in_depth::trace::Trace;
use listings::in_depth::trains;
use listings::oneshot;

mod common;
use common::within_limit;

const JOURNEYS: [&str; 8] = [
    "express: departs",
    "local: departs",
    "freight: departs",
    "express: at Midtown",
    "local: at Midtown",
    "express: at Harbor",
    "local: at Harbor",
    "freight: at Harbor",
];

/// Runs the timetable with `run` four times; returns the trace of each run.
fn four_traces(what: &'static str, run: fn(&Trace)) -> Vec<Vec<String>> {
    (0..4)
        .map(|_| {
            within_limit(what, move || {
                let trace = Trace::default();
                run(&trace);
                trace.lines()
            })
        })
        .collect()
}

#[test]
fn the_timetable_on_the_mini_runtime_prints_the_same_trace_every_time() {
    for lines in
        four_traces("the timetable on the mini runtime", trains::on_mini_runtime)
    {
        assert_eq!(lines[..8], JOURNEYS);
        assert_eq!(lines[8], "run loop: 8 polls, no task alive, returning");
    }
}

#[test]
fn the_timetable_on_tokio_prints_the_same_trace_every_time() {
    for lines in four_traces("the timetable on tokio", trains::on_tokio) {
        assert_eq!(lines[..8], JOURNEYS);
        assert_eq!(lines[8], "tokio: every task joined, returning");
    }
}

#[test]
fn a_runtime_with_no_tasks_returns_at_once() {
    assert_eq!(within_limit("an empty runtime", || Runtime::new().run()), 0);
}

#[test]
fn the_run_loop_polls_a_task_once_per_wake_and_ends_with_the_last_task() {
    let polls = within_limit("200 tasks waiting on oneshots", || {
        let mut runtime = Runtime::new();
        let mut replies = Vec::new();
        for n in 0..200 {
            let (reply, answer) = oneshot::channel();
            replies.push((reply, n));
            runtime.spawn(async move {
                assert_eq!(answer.await, Ok(n));
            });
        }
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            for (reply, n) in replies {
                reply.send(n);
            }
        });
        runtime.run()
    });
    assert_eq!(polls, 400, "one poll to start, one per wake");
}

#[test]
fn a_wake_for_a_finished_task_is_ignored() {
    // In the hand-over, the alarm's first waker belongs to a task that has
    // finished by the time the alarm rings.
    let polls = within_limit("a hand-over", || {
        let polls =
            hand_over(Alarm::after(Duration::from_millis(50)), &Trace::default());
        std::thread::sleep(Duration::from_millis(100));
        polls
    });
    assert_eq!(polls, 4);
}

/// A task that wakes itself twice on its first poll, never wakes itself
/// again, and finishes on its third poll.
async fn double_wake(polls: Arc<AtomicU32>) {
    poll_fn(|cx| match polls.fetch_add(1, Ordering::SeqCst) + 1 {
        1 => {
            cx.waker().wake_by_ref();
            cx.waker().wake_by_ref();
            Poll::Pending
        }
        2 => Poll::Pending,
        _ => Poll::Ready(()),
    })
    .await
}

#[test]
fn two_wakes_queue_a_task_twice_here_and_once_on_tokio() {
    let ours = Arc::new(AtomicU32::new(0));
    let mut runtime = Runtime::new();
    runtime.spawn(double_wake(Arc::clone(&ours)));
    let polls = within_limit("a double wake on the mini runtime", || runtime.run());
    assert_eq!(polls, 3, "each wake queued the task once more");
    assert_eq!(ours.load(Ordering::SeqCst), 3);

    let theirs = Arc::new(AtomicU32::new(0));
    let tokio_polls = within_limit("a double wake on tokio", {
        let theirs = Arc::clone(&theirs);
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .unwrap();
            runtime.block_on(async {
                let task = tokio::spawn(double_wake(Arc::clone(&theirs)));
                tokio::time::sleep(Duration::from_millis(200)).await;
                assert!(!task.is_finished());
                task.abort();
            });
            theirs.load(Ordering::SeqCst)
        }
    });
    assert_eq!(tokio_polls, 2, "tokio queued the twice-woken task once");
}
