//! Chapters 9 and 10: the join on the real trait, the timer, the executor,
//! and the same programs on the `futures` crate.

mod common;

use std::fs;
use std::future::{self, Future};
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures::executor::{LocalPool, ThreadPool};
use futures::task::{LocalSpawnExt, SpawnExt};
use listings::block_on::block_on;
use listings::oneshot;
use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::join_std::{Arrival, Joiner, join_both, read_greenhouse};
use listings::reinventing::run_queue::run_queue;
use listings::reinventing::valves::{Panel, VALVES, close_valve};

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
        block_on(Deadline::after(Duration::from_millis(20)));
        started.elapsed()
    });
    assert!(took >= Duration::from_millis(20), "ready too early: {took:?}");
}

#[test]
fn a_deadline_is_pending_on_its_first_poll_even_with_no_time_to_wait() {
    // The watcher starts during the first poll and waits for its lock, so
    // the first answer is `Pending` and the waker is already stored.
    let mut deadline = tokio_test::task::spawn(Deadline::after(Duration::ZERO));
    assert!(deadline.poll().is_pending());
    common::within_limit("the watcher's wake", move || {
        while !deadline.is_woken() {
            std::thread::yield_now();
        }
        assert!(deadline.poll().is_ready());
    });
}

/// Runs the valves with `run`, which returns when all have closed, and
/// checks what every executor must show: the three timers ran at once, and
/// none closed early.
fn check_valves(run: impl FnOnce(Arc<Panel>) + Send + 'static) {
    let panel = Panel::new();
    let shared = Arc::clone(&panel);
    common::within_limit("valves", move || run(shared));
    assert_eq!(panel.open_at_first_close(), Some(VALVES.len()));
    let longest = Duration::from_millis(VALVES.iter().map(|v| v.1).max().unwrap());
    assert!(panel.report() >= longest, "finished before the longest timer");
}

#[test]
fn our_executor_runs_the_timers_concurrently() {
    check_valves(|panel| {
        let (queue, launcher) = run_queue();
        for (name, ms) in VALVES {
            launcher.launch(close_valve(Arc::clone(&panel), name, ms));
        }
        // One poll to start each timer, one after each wake.
        assert_eq!(queue.run(), 2 * VALVES.len());
    });
}

#[test]
fn futures_local_pool_runs_the_same_timers_concurrently() {
    check_valves(|panel| {
        let mut pool = LocalPool::new();
        for (name, ms) in VALVES {
            let valve = close_valve(Arc::clone(&panel), name, ms);
            pool.spawner().spawn_local(valve).unwrap();
        }
        pool.run();
    });
}

#[test]
fn futures_thread_pool_runs_the_same_timers_to_the_end() {
    // Its threads may start the timers in any order and at any time, so
    // only the lower bound holds: no valve closes before its timer.
    let panel = Panel::new();
    let shared = Arc::clone(&panel);
    common::within_limit("valves on a thread pool", move || {
        let pool = ThreadPool::new().unwrap();
        let handles: Vec<_> = VALVES
            .iter()
            .map(|&(name, ms)| {
                let valve = close_valve(Arc::clone(&shared), name, ms);
                pool.spawn_with_handle(valve).unwrap()
            })
            .collect();
        block_on(futures::future::join_all(handles));
    });
    let longest = Duration::from_millis(VALVES.iter().map(|v| v.1).max().unwrap());
    assert!(panel.report() >= longest);
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
            launcher.launch(async { Deadline::after(Duration::from_millis(1)).await });
        }
        queue.run()
    });
    // Exactly two polls each, however late a watcher fires.
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
    launcher.launch(Deadline::after(Duration::from_millis(1)));
    let polls = common::within_limit("run", move || queue.run());
    // The finished job comes back through the queue and is not polled:
    // one poll for it, two for the deadline.
    assert_eq!(polls, 3);
}

#[test]
#[should_panic(expected = "a job answered Pending but kept no waker")]
fn a_job_that_keeps_no_waker_makes_the_run_panic_at_once() {
    let (queue, launcher) = run_queue();
    launcher.launch(future::pending::<()>()); // drops the waker it is given
    drop(launcher); // so that without the check, `recv` would fail, not block
    queue.run();
}

#[test]
fn a_job_whose_last_waker_is_dropped_later_makes_the_run_panic() {
    // The first job leaves its waker in a slot; the second, polled after it
    // (the queue is first in, first out), drops that last waker. All of it
    // happens on the run's own thread, in that order, whatever the timing.
    let (queue, launcher) = run_queue();
    let slot = Arc::new(Mutex::new(None::<std::task::Waker>));
    let keeper = Arc::clone(&slot);
    launcher.launch(future::poll_fn(move |cx| {
        *keeper.lock().unwrap() = Some(cx.waker().clone());
        Poll::<()>::Pending
    }));
    launcher.launch(future::poll_fn(move |_| {
        drop(slot.lock().unwrap().take()); // the first job is freed, unfinished
        Poll::Ready(())
    }));
    drop(launcher);
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| queue.run()));
        done.send(outcome).unwrap();
    });
    let outcome =
        finished.recv_timeout(common::LIMIT).expect("run hangs instead of panicking");
    let message = *outcome.unwrap_err().downcast::<&str>().unwrap();
    assert_eq!(message, "unfinished jobs were dropped: their wakers are all gone");
}

/// A sensor's receiver, wrapped to report its arrival.
type Reading = Arrival<oneshot::Receiver<f32>>;

/// The set-up of `read_greenhouse`, with the test as the sensor thread: the
/// humidity is sent, and the temperature will be sent once the humidity
/// has arrived.
fn greenhouse_receivers()
-> (oneshot::Sender<f32>, mpsc::Receiver<&'static str>, Reading, Reading) {
    let (thermometer, temperature) = oneshot::channel();
    let (hygrometer, humidity) = oneshot::channel();
    let (arrived, arrivals) = mpsc::channel();
    hygrometer.send(64.0_f32);
    let temperature = Arrival::new("temperature", arrived.clone(), temperature);
    let humidity = Arrival::new("humidity", arrived, humidity);
    (thermometer, arrivals, temperature, humidity)
}

#[test]
fn awaiting_the_receivers_one_after_the_other_never_finishes() {
    let (thermometer, arrivals, temperature, humidity) = greenhouse_receivers();
    let mut in_turn =
        tokio_test::task::spawn(async move { (temperature.await, humidity.await) });
    assert!(in_turn.poll().is_pending());
    // The humidity was never polled, so it never arrived, and the sensor
    // (this test) will not send the temperature before it does. The one
    // wake the task arranged is the temperature's, and it is not coming.
    assert!(arrivals.try_recv().is_err(), "the humidity arrived");
    assert!(!in_turn.is_woken());
    drop(thermometer); // keeps it alive until here: a send would wake it
}

#[test]
fn a_join_of_the_same_receivers_gets_the_humidity_on_its_first_poll() {
    let (thermometer, arrivals, temperature, humidity) = greenhouse_receivers();
    let mut joined = tokio_test::task::spawn(join_both(temperature, humidity));
    assert!(joined.poll().is_pending());
    assert_eq!(arrivals.try_recv(), Ok("humidity"));
    thermometer.send(21.5);
    assert!(joined.is_woken());
    match joined.poll() {
        Poll::Ready((Ok(t), Ok(h))) => assert_eq!((t, h), (21.5, 64.0)),
        other => panic!("expected both readings, got {other:?}"),
    }
}

#[test]
fn local_pool_runs_a_future_that_is_not_send() {
    // An `Rc` held across an `.await` makes the future `!Send`: our
    // launcher would refuse it, `LocalPool` runs it.
    let readings = common::within_limit("a !Send future on LocalPool", || {
        let mut pool = LocalPool::new();
        let readings = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let log = std::rc::Rc::clone(&readings);
        pool.spawner()
            .spawn_local(async move {
                Deadline::after(Duration::from_millis(1)).await;
                log.borrow_mut().push(21.5);
            })
            .unwrap();
        pool.run();
        readings.take()
    });
    assert_eq!(readings, [21.5]);
}
