//! Chapter 36's claims about our async mutex: an unlock hands the lock to
//! the oldest waiter, a dropped waiter passes its turn on (queued or
//! already handed the lock), the FIFO and fairness programs print the same
//! counts on Part VI's runtime and on Tokio's, and Tokio's lock spends the
//! task's budget where std's and ours do not. The tests that drive the
//! futures by hand also run under Miri (`ci/miri.sh`); those on a runtime
//! (sockets, Tokio's threads and clock) are skipped there.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::task::{Context, Poll};
use std::time::Duration;

mod common;

use common::{counting_waker, within_limit};
use listings::engine::runtime::count_polls;
use listings::many_threads::mutex::barging::BargingMutex;
use listings::many_threads::mutex::demo::{
    AsyncMutex, Task, Turns, Waiter, fairness, log_of, on_our_runtime,
    on_tokio_current_thread, queue_up,
};
use listings::many_threads::mutex::fair::Owner;
use listings::many_threads::mutex::{Lock, Mutex, MutexGuard};

#[test]
fn a_free_lock_is_taken_on_the_first_poll_without_queueing() {
    let mutex = Mutex::new(1);
    let mut waiter = Waiter::new(&mutex);
    let mut guard = waiter.guard();
    *guard += 1;
    assert_eq!(mutex.snapshot(), (Owner::Held, vec![]));
    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
    assert_eq!(*mutex.try_lock().unwrap(), 2);
}

#[test]
fn an_unlock_hands_the_lock_to_the_oldest_waiter_and_nobody_can_take_it_first() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    let mut waiters: Vec<_> = (0..3).map(|_| Waiter::new(&mutex)).collect();
    for waiter in &mut waiters {
        assert!(waiter.pending());
    }
    assert_eq!(mutex.snapshot(), (Owner::Held, vec![0, 1, 2]));

    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::HandedTo(0), vec![1, 2]));
    assert_eq!(waiters[0].woken(), 1);
    assert!(mutex.try_lock().is_none(), "try_lock cannot barge in after a handoff");
    let mut latecomer = Waiter::new(&mutex);
    assert!(latecomer.pending(), "a new lock() goes to the back of the queue");
    assert!(waiters[1].pending(), "the second waiter is not first");

    let mut order = Vec::new();
    for (at, waiter) in waiters.iter_mut().enumerate() {
        let mut guard = waiter.guard();
        *guard += 1;
        order.push(at);
        drop(guard);
    }
    assert_eq!(order, [0, 1, 2]);
    let guard = latecomer.guard();
    assert_eq!(*guard, 3);
    assert!(waiters.iter().all(|waiter| waiter.woken() == 1), "one wake per handoff");
    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
}

#[test]
fn a_waiter_dropped_while_queued_leaves_the_queue_and_the_next_gets_the_lock() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    let (mut first, mut second) = (Waiter::new(&mutex), Waiter::new(&mutex));
    assert!(first.pending() && second.pending());
    let first_wakes = first.wakes();
    drop(first);
    assert_eq!(mutex.snapshot(), (Owner::Held, vec![1]));
    drop(guard);
    assert_eq!(first_wakes.count(), 0, "a dropped waiter is not woken");
    assert_eq!(second.woken(), 1);
    drop(second.guard());
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
}

#[test]
fn a_waiter_dropped_after_the_handoff_passes_the_lock_on() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    let (mut first, mut second) = (Waiter::new(&mutex), Waiter::new(&mutex));
    assert!(first.pending() && second.pending());
    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::HandedTo(0), vec![1]));
    assert_eq!(second.woken(), 0);
    drop(first); // woken, never polled again: as a select! that chose another branch
    assert_eq!(mutex.snapshot(), (Owner::HandedTo(1), vec![]));
    assert_eq!(second.woken(), 1, "the passed-on lock wakes the next waiter");
    drop(second.guard());
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
}

#[test]
fn a_handed_waiter_dropped_with_nobody_behind_it_sets_the_lock_free() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    let mut only = Waiter::new(&mutex);
    assert!(only.pending());
    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::HandedTo(0), vec![]));
    drop(only);
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
    assert!(mutex.try_lock().is_some());
}

#[test]
fn a_lock_future_dropped_before_its_first_poll_changes_nothing() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    drop(mutex.lock());
    assert_eq!(mutex.snapshot(), (Owner::Held, vec![]));
    drop(guard);
    assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
}

#[test]
fn a_waiter_polled_again_with_a_new_waker_is_woken_through_the_new_one() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().unwrap();
    let mut lock = mutex.lock();
    let (old, old_waker) = counting_waker();
    let (new, new_waker) = counting_waker();
    for waker in [old_waker, new_waker] {
        assert!(
            Pin::new(&mut lock).poll(&mut Context::from_waker(&waker)).is_pending()
        );
    }
    assert_eq!(Arc::strong_count(&old), 1, "the old waker was dropped");
    assert_eq!(
        mutex.snapshot(),
        (Owner::Held, vec![0]),
        "still one place in the queue"
    );
    drop(guard);
    assert_eq!((old.count(), new.count()), (0, 1));
}

#[test]
fn barging_lets_the_task_that_unlocked_take_the_lock_back_before_the_woken_waiter() {
    let mutex = BargingMutex::new(0);
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let Poll::Ready(guard) = Pin::new(&mut mutex.lock()).poll(&mut cx) else {
        panic!("a new barging mutex is free");
    };
    let mut waiter = mutex.lock();
    assert!(Pin::new(&mut waiter).poll(&mut cx).is_pending());
    drop(guard);
    assert_eq!(wakes.count(), 1, "the unlock woke the waiter");
    let Poll::Ready(again) = Pin::new(&mut mutex.lock()).poll(&mut cx) else {
        panic!("the lock was set free, so the unlocking task takes it back");
    };
    assert!(Pin::new(&mut waiter).poll(&mut cx).is_pending(), "the woken waiter lost");
    drop(again);
}

#[test]
fn the_guard_is_send_and_sync_only_when_the_value_allows_it() {
    static_assertions::assert_impl_all!(Mutex<Cell<u8>>: Send, Sync);
    static_assertions::assert_not_impl_any!(Mutex<Rc<u8>>: Send, Sync);
    static_assertions::assert_impl_all!(MutexGuard<'static, u8>: Send, Sync);
    static_assertions::assert_impl_all!(MutexGuard<'static, Cell<u8>>: Send);
    static_assertions::assert_not_impl_any!(MutexGuard<'static, Cell<u8>>: Sync);
    static_assertions::assert_impl_all!(Lock<'static, u8>: Send, Unpin);
}

/// Runs the FIFO program on `M` with `run`, and returns its trace.
fn fifo_trace<M: AsyncMutex<Vec<&'static str>>>(
    run: fn(Vec<Task>) -> std::io::Result<()>,
) -> Vec<String> {
    let (tasks, trace) = queue_up::<M>();
    run(tasks).expect("the runtime runs");
    trace.lock().unwrap().clone()
}

fn holders(trace: &[String]) -> Vec<&str> {
    trace
        .iter()
        .filter(|line| line.contains(" has it"))
        .map(|line| &line[..1])
        .collect()
}

#[test]
#[cfg_attr(miri, ignore = "runs on Part VI's runtime (sockets) and Tokio's")]
fn the_fifo_program_grants_the_lock_in_asking_order_on_both_runtimes() {
    let (ours, tokio, theirs) = within_limit("the FIFO program", || {
        (
            fifo_trace::<Mutex<_>>(on_our_runtime),
            fifo_trace::<Mutex<_>>(on_tokio_current_thread),
            fifo_trace::<tokio::sync::Mutex<_>>(on_tokio_current_thread),
        )
    });
    let asked: Vec<_> = ours
        .iter()
        .filter(|line| line.ends_with("asks for the lock"))
        .map(|line| &line[..1])
        .collect();
    assert_eq!(asked, ["a", "c", "d", "b"]);
    assert_eq!(holders(&ours), asked, "the lock goes in the order it was asked for");
    assert_eq!(ours, tokio, "the same trace on Tokio's current-thread runtime");
    assert_eq!(ours, theirs, "and with tokio::sync::Mutex");
}

/// The fairness program's counts on `M`, run with `run`.
fn turns<M: AsyncMutex<Vec<usize>>>(
    run: fn(Vec<Task>) -> std::io::Result<()>,
) -> Turns {
    let (tasks, mutex) = fairness::<M>(3, 30);
    run(tasks).expect("the runtime runs");
    Turns::count(&log_of(mutex), 3)
}

#[test]
#[cfg_attr(miri, ignore = "runs on Part VI's runtime (sockets) and Tokio's")]
fn handing_over_takes_turns_and_barging_lets_one_task_take_every_turn() {
    let counts = within_limit("the fairness program", || {
        [
            turns::<Mutex<_>>(on_our_runtime),
            turns::<Mutex<_>>(on_tokio_current_thread),
            turns::<tokio::sync::Mutex<_>>(on_tokio_current_thread),
            turns::<BargingMutex<_>>(on_our_runtime),
            turns::<BargingMutex<_>>(on_tokio_current_thread),
        ]
    });
    let fair = Turns { per_task: vec![10, 10, 10], longest_run: 1 };
    let barged = Turns { per_task: vec![30, 0, 0], longest_run: 30 };
    assert_eq!(counts, [fair.clone(), fair.clone(), fair, barged.clone(), barged]);
}

#[test]
fn turns_counts_each_task_and_the_longest_run() {
    let turns = Turns::count(&[0, 0, 1, 0, 2, 2, 2], 3);
    assert_eq!(turns, Turns { per_task: vec![3, 1, 3], longest_run: 3 });
}

#[test]
#[cfg_attr(miri, ignore = "Tokio's clock")]
fn a_waiter_in_select_with_a_timeout_gives_up_and_the_next_waiter_gets_the_lock() {
    let order = within_limit("select! with a timeout", || {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap()
            .block_on(async {
                let mutex = Arc::new(Mutex::new(Vec::new()));
                let guard = mutex.lock().await;
                let impatient = tokio::spawn({
                    let mutex = Arc::clone(&mutex);
                    async move {
                        tokio::select! {
                            mut log = mutex.lock() => log.push("impatient"),
                            _ = tokio::time::sleep(Duration::from_millis(30)) => {}
                        }
                    }
                });
                let patient = tokio::spawn({
                    let mutex = Arc::clone(&mutex);
                    async move { mutex.lock().await.push("patient") }
                });
                tokio::time::sleep(Duration::from_millis(10)).await;
                assert_eq!(mutex.snapshot(), (Owner::Held, vec![0, 1]));
                tokio::time::sleep(Duration::from_millis(90)).await;
                assert_eq!(mutex.snapshot(), (Owner::Held, vec![1]), "impatient left");
                drop(guard);
                impatient.await.unwrap();
                patient.await.unwrap();
                mutex.lock().await.clone()
            })
    });
    assert_eq!(order, ["patient"]);
}

#[test]
#[cfg_attr(miri, ignore = "Tokio's runtime")]
fn tokios_lock_spends_the_tasks_budget_where_std_and_ours_do_not() {
    let polls = within_limit("1000 locks each", || {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let polls = [AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0)];
        let (std_mutex, ours, tokios) =
            (std::sync::Mutex::new(0), Mutex::new(0), tokio::sync::Mutex::new(0));
        runtime.block_on(async {
            let std_locks = async {
                for _ in 0..1000 {
                    *std_mutex.lock().unwrap() += 1;
                }
            };
            count_polls(std_locks, &polls[0]).await;
            let our_locks = async {
                for _ in 0..1000 {
                    *ours.lock().await += 1;
                }
            };
            count_polls(our_locks, &polls[1]).await;
            let tokio_locks = async {
                for _ in 0..1000 {
                    *tokios.lock().await += 1;
                }
            };
            count_polls(tokio_locks, &polls[2]).await;
        });
        polls.map(|count| count.into_inner())
    });
    // 1000 ready locks at 128 units of budget per poll: 7 forced yields.
    assert_eq!(polls, [1, 1, 8]);
}
