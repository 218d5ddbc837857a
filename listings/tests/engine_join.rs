//! Chapter 31's claims about `JoinHandle`, detaching, `abort`, panics and
//! `spawn_blocking`. The tests on the hand-run queue also run under Miri
//! (`ci/miri.sh`); those on chapter 28's runtime (sockets) or that wait on
//! the clock are skipped there. A test that could hang waits within a
//! limit (`within_limit`, or a handle that must be ready at once).

use std::future::{Future, pending};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

mod common;

use common::within_limit;
use listings::block_on::block_on;
use listings::engine::runtime::{Runtime, count_polls};
use listings::engine::task::blocking::BlockingPool;
use listings::engine::task::demo::{
    CountFrees, DropGuard, Drops, WaitForWake, WakerSlot, yield_now,
};
use listings::engine::task::join::panic_message;
use listings::engine::task::queue::Queue;
use listings::engine::task::state::{CANCELLED, COMPLETE, JOIN_INTEREST, JOIN_WAKER};
use listings::engine::task::{JoinError, JoinHandle, Notified, Schedule, spawn};

/// A waker that counts its wakes; `Arc::strong_count` tells whether the
/// task still holds it.
#[derive(Default)]
struct Counter(AtomicUsize);

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counter() -> (Arc<Counter>, Waker) {
    let counter = Arc::new(Counter::default());
    (Arc::clone(&counter), Waker::from(counter))
}

fn wakes(counter: &Counter) -> usize {
    counter.0.load(Ordering::SeqCst)
}

/// The output of a handle whose task has completed: one poll, which must
/// be ready (a test that waited instead would hang if the task had not).
fn ready_now<T>(mut handle: JoinHandle<T>) -> Result<T, JoinError> {
    match poll_with(&mut handle, Waker::noop()) {
        Poll::Ready(result) => result,
        Poll::Pending => panic!("the handle is not ready: its task has not completed"),
    }
}

fn poll_with<T>(
    handle: &mut JoinHandle<T>,
    waker: &Waker,
) -> Poll<Result<T, JoinError>> {
    Pin::new(handle).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_pending_join_handle_leaves_its_waker_and_completion_wakes_it_once() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let wait = WaitForWake::new(&slot);
    let mut handle = queue.spawn(async move {
        wait.await;
        42
    });
    queue.run_until_idle();
    let (counter, waker) = counter();
    assert!(poll_with(&mut handle, &waker).is_pending());
    assert!(handle.state().has(JOIN_WAKER));
    assert_eq!(
        Arc::strong_count(&counter),
        3,
        "this test, `waker`, and the task's clone"
    );

    assert!(poll_with(&mut handle, &waker).is_pending());
    assert_eq!(Arc::strong_count(&counter), 3, "the same waker is not stored twice");

    slot.lock().unwrap().take().unwrap().wake();
    queue.run_until_idle();
    assert_eq!(wakes(&counter), 1, "completion woke the handle's waker");
    assert!(!handle.state().has(JOIN_WAKER), "the runner let go of it");
    assert!(matches!(poll_with(&mut handle, &waker), Poll::Ready(Ok(42))));
    drop(handle);
    assert_eq!(Arc::strong_count(&counter), 2, "the task dropped its clone");
}

#[test]
fn a_join_handle_polled_with_a_new_waker_replaces_the_old_one() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let wait = WaitForWake::new(&slot);
    let mut handle = queue.spawn(wait);
    queue.run_until_idle();
    let ((first, first_waker), (second, second_waker)) = (counter(), counter());
    assert!(poll_with(&mut handle, &first_waker).is_pending());
    assert!(poll_with(&mut handle, &second_waker).is_pending());
    assert_eq!(Arc::strong_count(&first), 2, "the old waker was dropped");
    slot.lock().unwrap().take().unwrap().wake();
    queue.run_until_idle();
    assert_eq!((wakes(&first), wakes(&second)), (0, 1));
    assert!(handle.is_finished());
}

#[test]
fn a_detached_task_runs_to_completion_and_its_runner_drops_the_output() {
    let (queue, outputs) = (Queue::new(), Drops::new());
    let output = outputs.guard();
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let handle = queue.spawn(async move {
        counted.fetch_add(1, Ordering::SeqCst);
        yield_now().await;
        counted.fetch_add(1, Ordering::SeqCst);
        output
    });
    drop(handle);
    assert!(queue.run_one());
    assert_eq!(outputs.count(), 0);
    assert!(queue.run_one(), "still queued: detaching does not cancel");
    assert_eq!(outputs.count(), 1, "dropped as the task completed");
    assert_eq!(polls.load(Ordering::SeqCst), 2);
    assert!(queue.is_empty());
}

#[test]
fn dropping_a_handle_that_left_a_waker_drops_that_waker() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let mut handle = queue.spawn(WaitForWake::new(&slot));
    queue.run_until_idle();
    let (counter, waker) = counter();
    assert!(poll_with(&mut handle, &waker).is_pending());
    drop(handle);
    assert_eq!(Arc::strong_count(&counter), 2, "the task let go of the waker");
    slot.lock().unwrap().take().unwrap().wake();
    queue.run_until_idle();
    assert_eq!(wakes(&counter), 0, "a detached task wakes nobody");
}

#[test]
fn abort_of_an_idle_task_drops_its_future_at_the_next_run_without_polling_it() {
    let (queue, futures) = (Queue::new(), Drops::new());
    let polls = Arc::new(AtomicUsize::new(0));
    let (guard, counted) = (futures.guard(), Arc::clone(&polls));
    let mut handle = queue.spawn(async move {
        let _guard = guard;
        count_polls(pending::<()>(), &counted).await;
    });
    queue.run_until_idle();
    assert_eq!((polls.load(Ordering::SeqCst), queue.len()), (1, 0));

    handle.abort();
    assert_eq!(queue.len(), 1, "abort queued the task");
    assert!(handle.state().has(CANCELLED));
    assert_eq!(futures.count(), 0, "not dropped yet: that is the runner's job");
    assert_eq!(queue.run_until_idle(), 1);
    assert_eq!(
        (futures.count(), polls.load(Ordering::SeqCst)),
        (1, 1),
        "dropped, not polled"
    );
    let (_, waker) = counter();
    let Poll::Ready(Err(error)) = poll_with(&mut handle, &waker) else {
        panic!("an aborted task resolves to an error");
    };
    assert!(error.is_cancelled() && !error.is_panic());
    assert_eq!(error.to_string(), "task was cancelled");
}

#[test]
fn abort_of_a_queued_task_that_never_ran_drops_it_unpolled() {
    let (queue, futures) = (Queue::new(), Drops::new());
    let guard = futures.guard();
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let handle = queue.spawn(async move {
        let _guard = guard;
        counted.fetch_add(1, Ordering::SeqCst);
    });
    handle.abort();
    assert_eq!(queue.len(), 1, "already queued: abort queues nothing more");
    queue.run_until_idle();
    assert_eq!((futures.count(), polls.load(Ordering::SeqCst)), (1, 0));
    assert!(ready_now(handle).unwrap_err().is_cancelled());
}

#[test]
fn abort_during_the_tasks_own_poll_drops_the_future_right_after_it() {
    let (queue, futures) = (Queue::new(), Drops::new());
    let own_handle: Arc<Mutex<Option<JoinHandle<()>>>> = Arc::default();
    let (guard, mine) = (futures.guard(), Arc::clone(&own_handle));
    let handle = queue.spawn(async move {
        let _guard = guard;
        mine.lock().unwrap().as_ref().unwrap().abort(); // while RUNNING
        yield_now().await; // queues itself too; CANCELLED wins
        unreachable!("an aborted task is not polled again");
    });
    *own_handle.lock().unwrap() = Some(handle);
    assert_eq!(
        queue.run_until_idle(),
        1,
        "no second run: cancelled right after the poll"
    );
    assert_eq!(futures.count(), 1);
    let handle = own_handle.lock().unwrap().take().unwrap();
    assert!(ready_now(handle).unwrap_err().is_cancelled());
}

#[test]
fn abort_after_completion_changes_nothing() {
    let queue = Queue::new();
    let handle = queue.spawn(async { 7 });
    queue.run_until_idle();
    handle.abort();
    assert!(queue.is_empty());
    assert!(!handle.state().has(CANCELLED));
    assert_eq!(ready_now(handle).unwrap(), 7);
}

#[test]
fn a_panicking_task_is_reported_through_its_handle_and_the_others_still_run() {
    let queue = Queue::new();
    let handles: Vec<JoinHandle<u32>> = (1..=3)
        .map(|n| {
            queue.spawn(async move {
                yield_now().await;
                assert_ne!(n, 2, "task {n} gives up");
                n
            })
        })
        .collect();
    assert_eq!(queue.run_until_idle(), 6, "two runs each, the panicking one too");
    let results: Vec<Result<u32, JoinError>> =
        handles.into_iter().map(ready_now).collect();
    assert_eq!(results[0].as_ref().unwrap(), &1);
    assert_eq!(results[2].as_ref().unwrap(), &3);
    let error = results.into_iter().nth(1).unwrap().unwrap_err();
    assert!(error.is_panic() && !error.is_cancelled());
    let payload = error.into_panic();
    assert!(panic_message(payload.as_ref()).contains("task 2 gives up"));
}

#[test]
fn a_panicking_task_drops_its_future_and_is_freed() {
    let (queue, futures) = (Queue::new(), Drops::new());
    let guard = futures.guard();
    let handle = queue.spawn(async move {
        let _guard = guard;
        panic!("at once");
    });
    queue.run_until_idle();
    assert_eq!(futures.count(), 1);
    assert!(handle.state().has(COMPLETE) && handle.state().has(JOIN_INTEREST));
    assert_eq!(handle.state().ref_count(), 1);
    drop(handle);
}

/// A waker whose `wake` panics: someone else's code, which the runner
/// calls when the task completes.
struct PanicsOnWake;

impl Wake for PanicsOnWake {
    fn wake(self: Arc<Self>) {
        panic!("the join waker panics");
    }
}

/// Runs the queue, failing the test (with a clear message) if a panic
/// escapes the runner instead of staying inside the task.
fn run_without_escaping_panic(queue: &Queue) -> usize {
    let runs = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        queue.run_until_idle()
    }));
    runs.expect("a panic escaped the runner")
}

#[test]
fn a_join_waker_that_panics_on_wake_leaves_the_runner_and_the_task_consistent() {
    let (queue, frees) = (Queue::new(), Drops::new());
    let slot = WakerSlot::default();
    let wait = WaitForWake::new(&slot);
    let (task, mut handle) = spawn(
        async move {
            wait.await;
            5
        },
        CountFrees::new(queue.clone(), &frees),
    );
    queue.schedule(task);
    queue.run_until_idle();
    let waker = Waker::from(Arc::new(PanicsOnWake));
    assert!(poll_with(&mut handle, &waker).is_pending());
    slot.lock().unwrap().take().unwrap().wake();
    assert_eq!(run_without_escaping_panic(&queue), 1);
    let state = handle.state();
    assert!(state.has(COMPLETE) && !state.has(JOIN_WAKER), "the runner let go of it");
    assert_eq!(state.ref_count(), 1, "the runner dropped its reference");
    assert!(matches!(poll_with(&mut handle, Waker::noop()), Poll::Ready(Ok(5))));
    drop(handle);
    assert_eq!(frees.count(), 1);
}

/// Ready at once with `output`; its own `Drop` panics (and counts).
struct PanicsOnDrop<T> {
    output: Option<T>,
    _counted: DropGuard,
}

impl<T: Unpin> Future for PanicsOnDrop<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<T> {
        Poll::Ready(self.output.take().expect("polled once"))
    }
}

impl<T> Drop for PanicsOnDrop<T> {
    fn drop(&mut self) {
        panic!("the future's drop panics");
    }
}

#[test]
fn a_future_whose_drop_panics_after_ready_is_reported_and_its_output_dropped_once() {
    let (queue, futures, outputs) = (Queue::new(), Drops::new(), Drops::new());
    // The output's drop panics too: it is dropped by the runner, since a
    // panicking future gives no output.
    let output =
        PanicsOnDrop { output: Some(outputs.guard()), _counted: outputs.guard() };
    let future = PanicsOnDrop { output: Some(output), _counted: futures.guard() };
    let mut handle = queue.spawn(future);
    assert_eq!(run_without_escaping_panic(&queue), 1);
    assert_eq!(futures.count(), 1, "the future was dropped once");
    assert_eq!(outputs.count(), 2, "the output (both its guards) was dropped once");
    let Poll::Ready(Err(error)) = poll_with(&mut handle, Waker::noop()) else {
        panic!("the task completed with an error");
    };
    assert_eq!(panic_message(error.into_panic().as_ref()), "the future's drop panics");
    assert_eq!(handle.state().ref_count(), 1);
}

#[test]
fn a_future_whose_drop_panics_during_abort_is_dropped_once_and_reported() {
    let (queue, frees, futures) = (Queue::new(), Drops::new(), Drops::new());
    // A `Box` inside: a second drop would be a double free, which Miri reports.
    let (boxed, bomb_guard) = (Box::new(futures.guard()), futures.guard());
    let future = async move {
        let _boxed = boxed;
        let _bomb = PanicsOnDrop { output: Some(()), _counted: bomb_guard };
        pending::<()>().await;
    };
    let (task, mut handle) = spawn(future, CountFrees::new(queue.clone(), &frees));
    queue.schedule(task);
    queue.run_until_idle();
    handle.abort();
    assert_eq!(run_without_escaping_panic(&queue), 1);
    let Poll::Ready(Err(error)) = poll_with(&mut handle, Waker::noop()) else {
        panic!("the aborted task completed");
    };
    assert!(error.is_panic(), "the panic of the drop, not a plain cancel");
    assert_eq!(futures.count(), 2, "the box and the bomb, each dropped once");
    drop(handle);
    assert_eq!(frees.count(), 1, "freed, and nothing dropped a second time");
}

// ---- On chapter 28's runtime, and on threads: not under Miri. ----

/// Runs `runtime` on a thread named "runtime".
fn run_on_named_thread(runtime: Runtime<Notified>) -> thread::JoinHandle<usize> {
    thread::Builder::new()
        .name("runtime".into())
        .spawn(move || runtime.run().polls)
        .unwrap()
}

#[test]
#[cfg_attr(miri, ignore = "chapter 28's runtime uses sockets")]
fn abort_from_another_thread_drops_the_future_on_the_runtime_thread() {
    within_limit(
        "abort from another thread drops the future on the runtime thread",
        || {
            let runtime = Runtime::<Notified>::for_tasks().unwrap();
            let rt = runtime.handle();
            let futures = Drops::new();
            let guard = futures.guard();
            let task = rt.spawn(async move {
                let _guard = guard;
                pending::<()>().await;
            });
            let runner = run_on_named_thread(runtime);
            rt.wait_until_parked(1, Duration::from_secs(10)).unwrap();
            assert_eq!(futures.count(), 0);
            task.abort();
            let error = block_on(task).unwrap_err();
            assert!(error.is_cancelled());
            assert_eq!(futures.count(), 1);
            assert_eq!(futures.last_thread().as_deref(), Some("runtime"));
            assert_eq!(
                runner.join().unwrap(),
                2,
                "the first poll and the cancelling run"
            );
        },
    );
}

#[test]
#[cfg_attr(miri, ignore = "chapter 28's runtime uses sockets")]
fn a_panicking_task_does_not_stop_the_runtime() {
    within_limit("a panicking task does not stop the runtime", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let rt = runtime.handle();
        let first = rt.spawn(async { panic!("first") });
        let later: Vec<_> = (0..5u32)
            .map(|n| {
                rt.spawn(async move {
                    yield_now().await;
                    n
                })
            })
            .collect();
        let polls =
            run_on_named_thread(runtime).join().expect("the runtime did not panic");
        assert_eq!(polls, 11);
        assert!(ready_now(first).unwrap_err().is_panic());
        let outputs: Vec<u32> =
            later.into_iter().map(|h| ready_now(h).unwrap()).collect();
        assert_eq!(outputs, [0, 1, 2, 3, 4]);
    });
}

#[test]
#[cfg_attr(miri, ignore = "chapter 28's runtime uses sockets")]
fn a_detached_tasks_output_is_dropped_on_the_runtime_thread() {
    within_limit("a detached tasks output is dropped on the runtime thread", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let outputs = Drops::new();
        let output = outputs.guard();
        drop(runtime.handle().spawn(async move {
            yield_now().await;
            output
        }));
        assert_eq!(run_on_named_thread(runtime).join().unwrap(), 2);
        assert_eq!(outputs.count(), 1);
        assert_eq!(outputs.last_thread().as_deref(), Some("runtime"));
    });
}

#[test]
#[cfg_attr(miri, ignore = "chapter 28's runtime uses sockets")]
fn a_task_awaiting_another_tasks_handle_is_woken_by_its_completion() {
    within_limit(
        "a task awaiting another tasks handle is woken by its completion",
        || {
            let runtime = Runtime::<Notified>::for_tasks().unwrap();
            let rt = runtime.handle();
            let spawner = rt.clone();
            let parent = rt.spawn(async move {
                let child = spawner.spawn(async {
                    yield_now().await;
                    42
                });
                child.await.unwrap() + 1
            });
            let counts = runtime.run();
            assert_eq!((counts.polls, counts.parks), (4, 0));
            assert_eq!(ready_now(parent).unwrap(), 43);
        },
    );
}

#[test]
fn spawn_blocking_runs_on_the_pool_and_its_handle_returns_the_result() {
    within_limit(
        "spawn blocking runs on the pool and its handle returns the result",
        || {
            let pool = BlockingPool::new(2);
            let handle =
                pool.spawn_blocking(|| thread::current().name().map(str::to_owned));
            let name = block_on(handle).unwrap().unwrap();
            assert!(name == "blocking-0" || name == "blocking-1", "ran on {name}");
            let failing = pool.spawn_blocking(|| -> () { panic!("in the pool") });
            let error: JoinError = block_on(failing).unwrap_err();
            assert!(error.is_panic());
            assert_eq!(pool.threads(), 2, "a panic does not cost the pool a thread");
            assert_eq!(block_on(pool.spawn_blocking(|| 5)).unwrap(), 5);
        },
    );
}

#[test]
#[cfg_attr(miri, ignore = "waits on threads with a time limit")]
fn the_pool_runs_at_most_its_thread_count_at_once_and_queues_the_rest() {
    let pool = BlockingPool::new(2);
    let (started, started_rx) = mpsc::channel();
    let release: Vec<mpsc::Sender<()>> = (0..4)
        .map(|_| {
            let (release, wait) = mpsc::channel::<()>();
            let started = started.clone();
            drop(pool.spawn_blocking(move || {
                started.send(()).unwrap();
                wait.recv_timeout(Duration::from_secs(10)).unwrap();
            }));
            release
        })
        .collect();
    for _ in 0..2 {
        started_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    }
    assert_eq!(pool.queued(), 2, "two running, two waiting for a thread");
    assert!(started_rx.try_recv().is_err(), "no third closure started");
    for release in &release {
        let _ = release.send(());
    }
    drop(pool); // finishes the queue, then joins its threads
    assert_eq!(started_rx.try_iter().count(), 2, "the other two ran too");
}

/// Ticks of a second task while one task waits for the ticker's answer at
/// its tenth tick: in the task itself, or on the pool.
fn ticks_while_waiting(on_pool: bool) -> (usize, Result<u32, mpsc::RecvTimeoutError>) {
    let pool = BlockingPool::new(1);
    let runtime = Runtime::<Notified>::for_tasks().unwrap();
    let rt = runtime.handle();
    let ticks = Arc::new(AtomicUsize::new(0));
    let (answer, answered) = mpsc::channel::<u32>();
    let seen = Arc::clone(&ticks);
    let waiter = if on_pool {
        let blocking =
            pool.spawn_blocking(move || answered.recv_timeout(Duration::from_secs(10)));
        rt.spawn(async move {
            let answer = blocking.await.unwrap();
            (seen.load(Ordering::SeqCst), answer)
        })
    } else {
        rt.spawn(async move {
            let answer = answered.recv_timeout(Duration::from_millis(50)); // blocks the loop
            (seen.load(Ordering::SeqCst), answer)
        })
    };
    rt.spawn(async move {
        while ticks.fetch_add(1, Ordering::SeqCst) + 1 < 10 {
            yield_now().await;
        }
        let _ = answer.send(42);
    });
    runtime.run();
    ready_now(waiter).unwrap()
}

#[test]
#[cfg_attr(miri, ignore = "chapter 28's runtime uses sockets")]
fn a_blocking_call_in_a_task_starves_the_loop_and_spawn_blocking_does_not() {
    within_limit(
        "a blocking call in a task starves the loop and spawn blocking does not",
        || {
            assert_eq!(
                ticks_while_waiting(false),
                (0, Err(mpsc::RecvTimeoutError::Timeout))
            );
            assert_eq!(ticks_while_waiting(true), (10, Ok(42)));
        },
    );
}
