//! Chapter 33's claims about Tokio, each shown by running Tokio 1.54.1: the
//! facts the table reads in its source that a program can see from outside.

mod common;

use std::future::{Future, pending};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use common::within_limit;
use tokio::runtime::Builder;
use tokio::sync::oneshot;

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_string()
}

/// `time/mod.rs`, `park_thread_timeout`: with the clock paused and nothing
/// to run, the driver advances the clock to the next deadline.
#[test]
fn a_paused_clock_jumps_to_the_deadline_without_waiting() {
    let (slept, waited) = within_limit("an hour on a paused clock", || {
        let runtime = Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let started = Instant::now();
        let slept = runtime.block_on(async {
            let before = tokio::time::Instant::now();
            tokio::time::sleep(Duration::from_secs(3600)).await;
            before.elapsed()
        });
        (slept, started.elapsed())
    });
    assert!(slept >= Duration::from_secs(3600), "{slept:?}");
    assert!(waited < Duration::from_secs(3600), "the thread waited the hour");
}

/// `task/harness.rs`, `poll_future`: the poll runs inside `catch_unwind`, the
/// panic is stored as the task's output, and the runtime goes on.
#[test]
fn a_panicking_task_is_reported_through_its_handle_and_the_runtime_goes_on() {
    let (is_panic, after) = within_limit("a panicking task", || {
        Builder::new_current_thread().build().unwrap().block_on(async {
            let panicked = tokio::spawn(async { panic!("on purpose") }).await;
            let after = tokio::spawn(async { 7 }).await.unwrap();
            (panicked.unwrap_err().is_panic(), after)
        })
    });
    assert!(is_panic);
    assert_eq!(after, 7);
}

/// `task/harness.rs`, `remote_abort`: an abort from another thread only
/// marks the task and schedules it; the runtime's thread drops the future.
#[test]
fn an_abort_from_another_thread_drops_the_future_on_the_runtime_thread() {
    struct SaysWhereItDrops(mpsc::Sender<String>);
    impl Drop for SaysWhereItDrops {
        fn drop(&mut self) {
            let _ = self.0.send(thread_name());
        }
    }
    let (cancelled, dropped_on) = within_limit("an abort", || {
        let on_runtime = thread::Builder::new().name("runtime".into());
        let work = || {
            Builder::new_current_thread().build().unwrap().block_on(async {
                let (dropped_tx, dropped_on) = mpsc::channel();
                let (started_tx, started) = oneshot::channel();
                let waiting = tokio::spawn(async move {
                    let _guard = SaysWhereItDrops(dropped_tx);
                    started_tx.send(()).unwrap();
                    pending::<()>().await
                });
                started.await.unwrap();
                let abort = waiting.abort_handle();
                let aborter = thread::Builder::new().name("aborter".into());
                aborter.spawn(move || abort.abort()).unwrap().join().unwrap();
                assert!(
                    dropped_on.try_recv().is_err(),
                    "dropped before the runtime ran it"
                );
                let cancelled = waiting.await.unwrap_err().is_cancelled();
                (cancelled, dropped_on.recv().unwrap())
            })
        };
        on_runtime.spawn(work).unwrap().join().unwrap()
    });
    assert!(cancelled);
    assert_eq!(dropped_on, "runtime");
}

/// `task/state.rs`, `transition_to_notified_and_cancel`: aborting a running
/// task only sets CANCELLED; the task runs on to its next yield.
#[test]
fn a_task_that_aborts_itself_runs_on_until_its_next_yield() {
    let (ran_on, cancelled) = within_limit("a self-abort", || {
        Builder::new_current_thread().build().unwrap().block_on(async {
            let ran_on = Arc::new(AtomicBool::new(false));
            let (handle_tx, handle_rx) = oneshot::channel::<tokio::task::AbortHandle>();
            let flag = Arc::clone(&ran_on);
            let task = tokio::spawn(async move {
                handle_rx.await.unwrap().abort();
                flag.store(true, Ordering::SeqCst); // still running
                tokio::task::yield_now().await; // the next yield: dropped here
                unreachable!("polled after the abort took effect");
            });
            handle_tx.send(task.abort_handle()).unwrap();
            let cancelled = task.await.unwrap_err().is_cancelled();
            (ran_on.load(Ordering::SeqCst), cancelled)
        })
    });
    assert!(ran_on, "the code after abort() ran");
    assert!(cancelled);
}

/// `builder.rs` (the default `thread_name`) and `blocking/pool.rs`
/// (`spawn_thread` names each blocking thread with it).
#[test]
fn spawn_blocking_runs_on_a_thread_named_tokio_rt_worker() {
    let (blocking_on, loop_on) = within_limit("spawn_blocking", || {
        let on_runtime = thread::Builder::new().name("runtime".into());
        let work = || {
            Builder::new_current_thread().build().unwrap().block_on(async {
                let blocking_on =
                    tokio::task::spawn_blocking(thread_name).await.unwrap();
                (blocking_on, thread_name())
            })
        };
        on_runtime.spawn(work).unwrap().join().unwrap()
    });
    assert_eq!(
        (blocking_on.as_str(), loop_on.as_str()),
        ("tokio-rt-worker", "runtime")
    );
}

/// The multi-thread runtime's workers carry the same default name.
#[test]
fn the_multi_thread_workers_are_named_tokio_rt_worker_too() {
    let name = within_limit("a worker's name", || {
        let runtime = Builder::new_multi_thread().worker_threads(1).build().unwrap();
        runtime.block_on(async { tokio::spawn(async { thread_name() }).await.unwrap() })
    });
    assert_eq!(name, "tokio-rt-worker");
}

/// Receives 1000 queued messages in a task of `spawn`, and counts its polls.
fn polls_to_receive_1000(
    spawn: impl FnOnce(std::pin::Pin<Box<dyn Future<Output = ()> + Send>>),
) -> Arc<AtomicUsize> {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    (0..1000).for_each(|n| sender.send(n).unwrap());
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let mut receiving = Box::pin(async move {
        for _ in 0..1000 {
            receiver.recv().await.unwrap();
        }
    });
    spawn(Box::pin(std::future::poll_fn(move |cx| {
        counted.fetch_add(1, Ordering::SeqCst);
        receiving.as_mut().poll(cx)
    })));
    polls
}

/// `task/coop/mod.rs`: each poll of a Tokio task has a budget of 128
/// operations; `recv` spends one each and returns `Pending` when it is
/// gone, though messages are waiting. 1000 messages: 8 polls.
#[test]
fn tokio_makes_a_task_yield_after_128_operations() {
    let polls = within_limit("the budget", || {
        Builder::new_current_thread().build().unwrap().block_on(async {
            let mut task = None;
            let polls =
                polls_to_receive_1000(|future| task = Some(tokio::spawn(future)));
            task.unwrap().await.unwrap();
            polls.load(Ordering::SeqCst)
        })
    });
    assert_eq!(polls, 8);
}

/// Outside a Tokio runtime there is no budget: on our runtime the same task
/// receives all 1000 in one poll.
#[test]
fn our_runtime_has_no_budget_the_same_task_takes_one_poll() {
    let polls = within_limit("no budget", || {
        let runtime = listings::engine::runtime::Runtime::new().unwrap();
        let handle = runtime.handle();
        let polls = polls_to_receive_1000(|future| handle.spawn(future));
        runtime.run();
        polls.load(Ordering::SeqCst)
    });
    assert_eq!(polls, 1);
}
