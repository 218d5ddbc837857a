//! Chapters 9 and 10: the join on the real trait, the timer, the executor,
//! and the same programs on the `futures` crate.

mod common;

use std::fs;
use std::future::{self, Future};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures::executor::{LocalPool, ThreadPool};
use futures::task::{LocalSpawnExt, SpawnExt};
use listings::block_on::block_on;
use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::join_std::{Joiner, join_both, read_greenhouse};
use listings::reinventing::run_queue::run_queue;
use listings::reinventing::valves::VALVES;

/// The lines of an output file after its command line.
fn output_body(name: &str) -> String {
    let path = format!("{}/output/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.split_once('\n').map(|(_, body)| body.to_string()).unwrap_or_default()
}

#[test]
fn our_join_and_both_futures_joins_give_the_same_lines() {
    let ours = common::within_limit("ours", || read_greenhouse(Joiner::Ours));
    let function = common::within_limit("join", || read_greenhouse(Joiner::FuturesFn));
    let by_macro =
        common::within_limit("join!", || read_greenhouse(Joiner::FuturesMacro));
    assert_eq!(ours, function);
    assert_eq!(ours, by_macro);
}

#[test]
fn the_printed_outputs_of_the_three_joins_are_identical() {
    let ours = output_body("greenhouse_join");
    assert!(!ours.is_empty(), "bless the outputs first");
    assert_eq!(ours, output_body("greenhouse_join-futures-fn"));
    assert_eq!(ours, output_body("greenhouse_join-futures-macro"));
}

/// Ready on its second poll, counting every poll in `polls`.
struct ReadyOnSecondPoll {
    polls: Arc<AtomicUsize>,
}

impl Future for ReadyOnSecondPoll {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polls.fetch_add(1, Ordering::SeqCst) == 0 {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

#[test]
fn join_both_never_polls_a_finished_future_again() {
    let polls = Arc::new(AtomicUsize::new(0));
    let quick = future::ready("quick");
    let slow = ReadyOnSecondPoll { polls: Arc::clone(&polls) };
    let slower = join_both(slow, futures::future::pending::<()>());
    // The pending one keeps the join going; poll it a few times by hand.
    let mut join = join_both(quick, slower);
    let waker = std::task::Waker::noop();
    let mut cx = Context::from_waker(waker);
    for _ in 0..5 {
        assert!(Pin::new(&mut join).poll(&mut cx).is_pending());
    }
    // The inner join polled `slow` until it was ready, then never again.
    assert_eq!(polls.load(Ordering::SeqCst), 2);
}

#[test]
fn join_both_takes_an_async_block_once_it_is_boxed() {
    let (thermometer, temperature) = listings::oneshot::channel::<f32>();
    let (hygrometer, humidity) = listings::oneshot::channel::<f32>();
    thermometer.send(100.0);
    hygrometer.send(64.0);
    let converted =
        async move { temperature.await.map(|celsius| celsius * 1.8 + 32.0) };
    let (fahrenheit, humidity) = common::within_limit("boxed join", move || {
        block_on(join_both(Box::pin(converted), humidity))
    });
    assert_eq!((fahrenheit, humidity), (Ok(212.0), Ok(64.0)));
}

#[test]
fn join_both_takes_an_async_block_once_it_is_pinned_in_place() {
    let (thermometer, temperature) = listings::oneshot::channel::<f32>();
    let (hygrometer, humidity) = listings::oneshot::channel::<f32>();
    thermometer.send(100.0);
    hygrometer.send(64.0);
    let (fahrenheit, humidity) = common::within_limit("pinned join", move || {
        block_on(async move {
            let converted =
                pin!(
                    async move { temperature.await.map(|celsius| celsius * 1.8 + 32.0) }
                );
            join_both(converted, humidity).await
        })
    });
    assert_eq!((fahrenheit, humidity), (Ok(212.0), Ok(64.0)));
}

#[test]
fn a_deadline_is_pending_until_its_time_then_ready() {
    let took = common::within_limit("deadline", || {
        let started = Instant::now();
        block_on(Deadline::after(Duration::from_millis(100)));
        started.elapsed()
    });
    assert!(took >= Duration::from_millis(100), "ready too early: {took:?}");
}

/// Runs the valves on `run`, and returns how long the whole run took.
fn time_valves(run: impl FnOnce() + Send + 'static) -> Duration {
    common::within_limit("valves", move || {
        let started = Instant::now();
        run();
        started.elapsed()
    })
}

fn assert_longest_not_sum(took: Duration) {
    let longest = Duration::from_millis(VALVES.iter().map(|v| v.1).max().unwrap());
    let sum = Duration::from_millis(VALVES.iter().map(|v| v.1).sum());
    assert!(took >= longest, "finished before the longest timer: {took:?}");
    assert!(took < sum, "took {took:?}: no faster than one timer after another");
}

#[test]
fn our_executor_runs_the_timers_concurrently() {
    let took = time_valves(|| {
        let (queue, launcher) = run_queue();
        for (_, ms) in VALVES {
            launcher.launch(
                async move { Deadline::after(Duration::from_millis(ms)).await },
            );
        }
        // One poll to start each timer, one after each wake.
        assert_eq!(queue.run(), 2 * VALVES.len());
    });
    assert_longest_not_sum(took);
}

#[test]
fn futures_local_pool_runs_the_same_timers_concurrently() {
    let took = time_valves(|| {
        let mut pool = LocalPool::new();
        for (_, ms) in VALVES {
            let timer = async move { Deadline::after(Duration::from_millis(ms)).await };
            pool.spawner().spawn_local(timer).unwrap();
        }
        pool.run();
    });
    assert_longest_not_sum(took);
}

#[test]
fn futures_thread_pool_runs_the_same_timers_concurrently() {
    let took = time_valves(|| {
        let pool = ThreadPool::new().unwrap();
        let handles: Vec<_> = VALVES
            .iter()
            .map(|&(_, ms)| {
                let timer =
                    async move { Deadline::after(Duration::from_millis(ms)).await };
                pool.spawn_with_handle(timer).unwrap()
            })
            .collect();
        block_on(futures::future::join_all(handles));
    });
    assert_longest_not_sum(took);
}

#[test]
fn our_executor_and_local_pool_print_the_same_lines() {
    let ours = output_body("valve_timers");
    assert!(!ours.is_empty(), "bless the outputs first");
    assert_eq!(ours, output_body("valve_timers_futures"));
}

#[test]
fn a_thousand_timers_start_a_thousand_threads_and_all_finish() {
    let before = WATCHERS_STARTED.load(Ordering::SeqCst);
    let polls = common::within_limit("a thousand timers", || {
        let (queue, launcher) = run_queue();
        for _ in 0..1000 {
            launcher
                .launch(async { Deadline::after(Duration::from_millis(100)).await });
        }
        queue.run()
    });
    assert_eq!(polls, 2000);
    // Other tests in this file start watchers too, hence at least.
    assert!(WATCHERS_STARTED.load(Ordering::SeqCst) - before >= 1000);
}

#[test]
fn a_job_woken_after_it_finished_is_skipped() {
    let (queue, launcher) = run_queue();
    launcher.launch(future::poll_fn(|cx| {
        cx.waker().wake_by_ref(); // wakes itself, then finishes at once
        Poll::Ready(())
    }));
    launcher.launch(Deadline::after(Duration::from_millis(50)));
    let polls = common::within_limit("run", move || queue.run());
    // The finished job comes back through the queue and is not polled:
    // one poll for it, two for the deadline.
    assert_eq!(polls, 3);
}
