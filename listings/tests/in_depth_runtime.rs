//! Chapter 23 and 26: the mini runtime runs every task to the end and stops,
//! and the train timetable prints the same trace every time, on it and on
//! Tokio.

use std::future::poll_fn;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::time::Duration;

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

/// Runs the timetable with `run` twenty times; returns the trace of each run.
fn traces(what: &'static str, run: fn(&Trace)) -> Vec<Vec<String>> {
    (0..20)
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
    for lines in traces("the timetable on the mini runtime", trains::on_mini_runtime) {
        assert_eq!(lines[..8], JOURNEYS);
        assert_eq!(lines[8], "run loop: 8 polls, no task alive, returning");
    }
}

#[test]
fn the_timetable_on_tokio_prints_the_same_trace_every_time() {
    for lines in traces("the timetable on tokio", trains::on_tokio) {
        assert_eq!(lines[..8], JOURNEYS);
        assert_eq!(lines[8], "tokio: every task joined, returning");
    }
}

#[test]
fn a_runtime_with_no_tasks_returns_at_once() {
    assert_eq!(within_limit("an empty runtime", || Runtime::new().run()), 0);
}

/// Wraps `future`, counting its polls in `polls`.
async fn counted<F: Future>(future: F, polls: Arc<AtomicU32>) -> F::Output {
    let mut future = std::pin::pin!(future);
    poll_fn(|cx| {
        polls.fetch_add(1, Ordering::SeqCst);
        future.as_mut().poll(cx)
    })
    .await
}

#[test]
fn the_run_loop_polls_each_task_once_per_wake_and_ends_with_the_last_task() {
    let counts: Vec<Arc<AtomicU32>> = (0..200).map(|_| Arc::default()).collect();
    let loop_polls = within_limit("200 tasks waiting on oneshots", {
        let counts = counts.clone();
        move || {
            let mut runtime = Runtime::new();
            let mut replies = Vec::new();
            for (n, polls) in (0..200).zip(counts) {
                let (reply, answer) = oneshot::channel();
                replies.push((reply, n));
                runtime.spawn(counted(
                    async move { assert_eq!(answer.await, Ok(n)) },
                    polls,
                ));
            }
            // Spawned last, so first polled after every waiting task's first
            // poll: only then does a thread start sending the replies.
            runtime.spawn(async move {
                std::thread::spawn(move || {
                    for (reply, n) in replies {
                        reply.send(n);
                    }
                });
            });
            runtime.run()
        }
    });
    for (n, polls) in counts.iter().enumerate() {
        let polls = polls.load(Ordering::SeqCst);
        assert_eq!(polls, 2, "task {n}: one poll to start, one after its wake");
    }
    assert_eq!(loop_polls, 2 * 200 + 1, "and one poll for the task that replies");
}

#[test]
fn a_wake_for_a_finished_task_is_ignored() {
    let finished_polls = Arc::new(AtomicU32::new(0));
    let left_behind: Arc<Mutex<Option<Waker>>> = Arc::default();
    let polls = within_limit("a wake for a finished task", {
        let (finished_polls, left_behind) =
            (finished_polls.clone(), left_behind.clone());
        move || {
            let mut runtime = Runtime::new();
            // Keeps its waker for later, and finishes on its first poll.
            let keep = Arc::clone(&left_behind);
            runtime.spawn(counted(
                poll_fn(move |cx| {
                    *keep.lock().unwrap() = Some(cx.waker().clone());
                    Poll::Ready(())
                }),
                finished_polls,
            ));
            // Runs second: wakes the finished task, then itself, so that the
            // loop takes the finished task from the queue before it ends.
            let mut woke = false;
            runtime.spawn(poll_fn(move |cx| {
                if woke {
                    return Poll::Ready(());
                }
                woke = true;
                let stale =
                    left_behind.lock().unwrap().take().expect("the first task ran");
                stale.wake();
                cx.waker().wake_by_ref();
                Poll::Pending
            }));
            runtime.run()
        }
    });
    assert_eq!(
        finished_polls.load(Ordering::SeqCst),
        1,
        "the finished task was polled again"
    );
    assert_eq!(polls, 3, "one poll for the first task, two for the second");
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

/// A current-thread Tokio runtime on a paused clock: a `sleep` returns only
/// once no task can run, so it shows that nothing was left in the queue.
fn paused_tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
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
            paused_tokio().block_on(async {
                let task = tokio::spawn(double_wake(Arc::clone(&theirs)));
                // On the paused clock, this returns once every task waits.
                tokio::time::sleep(Duration::from_secs(1)).await;
                assert!(!task.is_finished());
                task.abort();
            });
            theirs.load(Ordering::SeqCst)
        }
    });
    assert_eq!(tokio_polls, 2, "tokio queued the twice-woken task once");
}

#[test]
fn two_wakes_of_an_idle_task_queue_it_once_on_tokio() {
    let polls = Arc::new(AtomicU32::new(0));
    let parked: Arc<Mutex<Option<Waker>>> = Arc::default();
    let seen = within_limit("two wakes of an idle task on tokio", {
        let (polls, parked) = (Arc::clone(&polls), Arc::clone(&parked));
        move || {
            paused_tokio().block_on(async move {
                // Leaves its waker behind, and is ready on its third poll.
                let waiting = tokio::spawn(counted(
                    poll_fn({
                        let parked = Arc::clone(&parked);
                        let mut seen = 0;
                        move |cx| {
                            seen += 1;
                            *parked.lock().unwrap() = Some(cx.waker().clone());
                            if seen == 3 { Poll::Ready(()) } else { Poll::Pending }
                        }
                    }),
                    Arc::clone(&polls),
                ));
                tokio::time::sleep(Duration::from_secs(1)).await; // it waits now
                let waker = parked.lock().unwrap().take().unwrap();
                waker.wake_by_ref(); // idle: queued
                waker.wake(); // already queued: nothing more
                tokio::time::sleep(Duration::from_secs(1)).await;
                assert!(!waiting.is_finished());
                waiting.abort();
                polls.load(Ordering::SeqCst)
            })
        }
    });
    assert_eq!(seen, 2, "one poll to start, one for both wakes");
}

/// Counts its drops: the proof that a task's future was dropped.
struct DropCounter(Arc<AtomicU32>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn tokio_drops_unfinished_tasks_with_the_runtime_and_runs_no_more_of_them() {
    let dropped = Arc::new(AtomicU32::new(0));
    let after_await = Arc::new(AtomicU32::new(0));
    let runtime = paused_tokio();
    runtime.block_on({
        let (dropped, after_await) = (Arc::clone(&dropped), Arc::clone(&after_await));
        async move {
            tokio::spawn(async move {
                let _guard = DropCounter(dropped);
                std::future::pending::<()>().await;
                after_await.fetch_add(1, Ordering::SeqCst);
            });
            tokio::time::sleep(Duration::from_secs(1)).await; // the task waits now
        }
    });
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        0,
        "block_on returned; the task lives on"
    );
    drop(runtime);
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        1,
        "dropping the runtime dropped the task"
    );
    assert_eq!(after_await.load(Ordering::SeqCst), 0);
}
