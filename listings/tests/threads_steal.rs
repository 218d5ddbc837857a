//! Chapter 34: the work-stealing scheduler. The queues by hand (steal
//! half, overflow), the LIFO slot with and without its cap, a steal from
//! a held worker, the inject queue that a busy worker still visits, the
//! state word keeping a task to one worker at a time, and Part VI's
//! `JoinHandle` across threads. Every run waits within a limit.

use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::Poll;
use std::thread;

mod common;

use common::within_limit;
use listings::engine::task::demo::yield_now;
use listings::many_threads::steal::demo::{
    lifo_starvation, meet_at_a_barrier, moved_by_a_wake, steal_half,
};
use listings::many_threads::steal::queue::{Inject, Local};
use listings::many_threads::steal::runtime::{
    Builder, Runtime, Source, Steal, current,
};

#[test]
fn a_thief_takes_half_rounded_up_from_the_front() {
    let local = Local::new(8);
    for task in 1..=8 {
        assert!(local.push_back(task).is_none());
    }
    assert_eq!(local.steal_half(), (vec![1, 2, 3, 4], 8));
    assert_eq!(local.steal_half(), (vec![5, 6], 4));
    assert!(local.push_back(9).is_none());
    assert_eq!(local.steal_half(), (vec![7, 8], 3), "three: two go");
    assert_eq!(local.steal_half(), (vec![9], 1), "one: it goes");
    assert_eq!(local.steal_half(), (vec![], 0));
}

#[test]
fn a_full_local_queue_moves_its_older_half_and_the_new_task_to_inject() {
    let local = Local::new(4);
    for task in 1..=4 {
        assert!(local.push_back(task).is_none());
    }
    assert_eq!(local.push_back(5), Some(vec![1, 2, 5]));
    assert_eq!(local.drain(), vec![3, 4]);
    let inject = Inject::new();
    inject.push_batch(vec![1, 2, 5]);
    inject.push(6);
    assert_eq!(inject.drain(), vec![1, 2, 5, 6]);
}

#[test]
fn spawns_past_a_full_local_queue_overflow_to_inject_and_all_run() {
    let (order, overflowed) = within_limit("ten spawns on a queue of four", || {
        let runtime = Builder::new(1).local_capacity(4).build();
        let order = Arc::new(Mutex::new(Vec::new()));
        let handle = runtime.handle().clone();
        let parent = runtime.spawn({
            let order = Arc::clone(&order);
            async move {
                (1..=10)
                    .map(|n| {
                        let order = Arc::clone(&order);
                        handle.spawn(async move {
                            order.lock().unwrap().push((n, current().unwrap().1))
                        })
                    })
                    .collect::<Vec<_>>()
            }
        });
        for child in runtime.block_on(parent).unwrap() {
            runtime.block_on(child).unwrap();
        }
        let overflowed = runtime.stats().overflowed;
        let order = order.lock().unwrap().clone();
        (order, overflowed)
    });
    // 5 overflows [1, 2, 5]; 8 overflows [3, 4, 8]; 6, 7, 9, 10 stay.
    assert_eq!(overflowed, 6);
    let (local, inject) = (Source::Local, Source::Inject);
    assert_eq!(
        order,
        vec![
            (6, local),
            (7, local),
            (9, local),
            (10, local),
            (1, inject),
            (2, inject),
            (5, inject),
            (3, inject),
            (4, inject),
            (8, inject),
        ]
    );
}

fn names(runs: &[listings::many_threads::steal::demo::Ran]) -> String {
    runs.iter().map(|ran| ran.task).collect()
}

#[test]
fn without_a_cap_two_tasks_waking_each_other_starve_a_third() {
    let runs = within_limit("the uncapped LIFO slot", || lifo_starvation(None, 1000));
    let order = names(&runs);
    assert!(order.ends_with('c'), "c runs last");
    assert_eq!(order.len(), 1000 + 2 + 1, "1000 rounds, two last polls, then c");
    assert!(runs[2..runs.len() - 1].iter().all(|ran| ran.source == Source::Lifo));
}

#[test]
fn with_a_cap_of_three_the_third_task_runs_after_three_lifo_runs() {
    let runs = within_limit("the capped LIFO slot", || lifo_starvation(Some(3), 1000));
    let sources: Vec<_> =
        runs.iter().take(6).map(|ran| (ran.task, ran.source)).collect();
    let (local, lifo) = (Source::Local, Source::Lifo);
    assert_eq!(
        sources,
        vec![
            ("a", local),
            ("b", local),
            ("a", lifo),
            ("b", lifo),
            ("a", lifo),
            ("c", local)
        ]
    );
    assert_eq!(names(&runs).matches('c').count(), 1);
}

#[test]
fn an_idle_worker_steals_four_of_the_eight_tasks_queued_on_a_held_one() {
    for _ in 0..20 {
        let robbed = within_limit("a steal from a held worker", || steal_half(8));
        let thief = 1 - robbed.busy;
        assert_eq!(
            robbed.first_steal,
            Steal { thief, victim: robbed.busy, took: 4, had: 8 }
        );
        assert_eq!(robbed.runs, vec![1; 8], "each task ran once");
        assert_eq!(robbed.ran_on[0], thief, "the oldest task was stolen and run first");
    }
}

#[test]
fn four_tasks_that_meet_at_a_barrier_run_on_four_workers_at_once() {
    let workers = within_limit("four tasks at a barrier", || meet_at_a_barrier(4));
    assert_eq!(workers, vec![0, 1, 2, 3]);
}

#[test]
#[allow(clippy::async_yields_async)] // the parent's output is the spinner's handle
fn a_busy_local_queue_still_lets_the_inject_queue_through() {
    within_limit("a yielding task and one from outside", || {
        let runtime = Runtime::new(1);
        let flag = Arc::new(AtomicBool::new(false));
        let handle = runtime.handle().clone();
        let spinner = runtime.spawn({
            let flag = Arc::clone(&flag);
            async move {
                // Spawned from the worker: a task that yields (into the LIFO
                // slot, then the local queue) until the flag is set.
                handle.spawn(async move {
                    let mut yields = 0;
                    while !flag.load(Ordering::SeqCst) {
                        yield_now().await;
                        yields += 1;
                    }
                    yields
                })
            }
        });
        let spinner = runtime.block_on(spinner).unwrap();
        let setter = runtime.spawn(async move { flag.store(true, Ordering::SeqCst) });
        runtime.block_on(setter).unwrap();
        runtime.block_on(spinner).unwrap()
    });
}

#[test]
fn wakes_from_another_thread_during_a_poll_queue_the_task_once() {
    let (polls, most_at_once) = within_limit("wakes during a poll", || {
        let runtime = Runtime::new(4);
        let polls = Arc::new(AtomicUsize::new(0));
        let polling = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let task = runtime.spawn({
            let (polls, polling, most) = (polls.clone(), polling.clone(), most.clone());
            poll_fn(move |cx| {
                let now = polling.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let first = polls.fetch_add(1, Ordering::SeqCst) == 0;
                if first {
                    // 1000 wakes from another thread while this poll runs:
                    // each one finds RUNNING and only sets NOTIFIED.
                    let waker = cx.waker().clone();
                    thread::spawn(move || (0..1000).for_each(|_| waker.wake_by_ref()))
                        .join()
                        .unwrap();
                }
                polling.fetch_sub(1, Ordering::SeqCst);
                if first { Poll::Pending } else { Poll::Ready(()) }
            })
        });
        runtime.block_on(task).unwrap();
        (polls.load(Ordering::SeqCst), most.load(Ordering::SeqCst))
    });
    assert_eq!(polls, 2, "1000 wakes during one poll queue one more poll");
    assert_eq!(most_at_once, 1);
}

#[test]
fn a_join_handle_is_awaited_on_another_worker_and_outside() {
    let total = within_limit("tasks awaiting tasks", || {
        let runtime = Runtime::new(3);
        let handle = runtime.handle().clone();
        let outer = runtime.spawn(async move {
            let inner: Vec<_> = (1..=10u64)
                .map(|n| {
                    handle.spawn(async move {
                        yield_now().await;
                        n * n
                    })
                })
                .collect();
            let mut sum = 0;
            for task in inner {
                sum += task.await.unwrap();
            }
            sum
        });
        runtime.block_on(outer).unwrap()
    });
    assert_eq!(total, 385);
}

#[test]
fn abort_from_outside_cancels_a_task_waiting_on_a_worker() {
    within_limit("an abort across threads", || {
        let runtime = Runtime::new(2);
        let (polled, was_polled) = mpsc::channel();
        let task = runtime.spawn(async move {
            polled.send(()).unwrap();
            std::future::pending::<()>().await
        });
        was_polled.recv().unwrap();
        task.abort();
        let error = runtime.block_on(task).unwrap_err();
        assert!(error.is_cancelled());
    });
}

#[test]
fn a_panicking_task_reports_its_panic_and_the_worker_goes_on() {
    within_limit("a panic on a worker", || {
        let runtime = Runtime::new(2);
        let bad = runtime.spawn(async { panic!("boom") });
        assert!(runtime.block_on(bad).unwrap_err().is_panic());
        let good = runtime.spawn(async { 7 });
        assert_eq!(runtime.block_on(good).unwrap(), 7);
    });
}

#[test]
fn a_task_woken_by_a_task_on_another_worker_runs_next_on_that_worker() {
    for _ in 0..20 {
        let (a, b, a_again) = within_limit("a wake across workers", moved_by_a_wake);
        assert_ne!(a.worker, b.worker, "the barrier pins them apart");
        assert_eq!((a_again.worker, a_again.source), (b.worker, Source::Lifo));
    }
}
