//! The exercise of chapter 31 (Listing 31-19): `JoinSet`. These tests pass
//! on the book's solution, `listings/src/engine/join_set.rs`; on the
//! starter, `listings/exercises/engine/join_set.rs`, run with
//! `cargo test -p listings --features starter --test exercise_join_set`,
//! they fail until you have written it.

mod common;

use std::future::pending;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use common::within_limit;
use listings::engine::join_set::JoinSet;
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;
use listings::oneshot;

#[test]
fn results_come_in_the_order_the_tasks_finish() {
    let order = within_limit("three tasks, finished in a chosen order", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        let spawner = handle.clone();
        handle.spawn(async move {
            let mut set = JoinSet::new();
            let mut senders = Vec::new();
            for name in ["first spawned", "second spawned", "third spawned"] {
                let (sender, receiver) = oneshot::channel::<()>();
                senders.push(Some(sender));
                set.spawn(&spawner, async move {
                    receiver.await.unwrap();
                    name
                });
            }
            assert_eq!(set.len(), 3);
            let mut order = Vec::new();
            // Let one task finish at a time, and join it.
            for index in [1, 2, 0] {
                senders[index].take().unwrap().send(());
                order.push(set.join_next().await.unwrap().unwrap());
            }
            assert!(set.join_next().await.is_none(), "the set should be empty");
            assert_eq!(set.len(), 0);
            tx.send(order).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(order, ["second spawned", "third spawned", "first spawned"]);
}

#[test]
fn an_empty_set_joins_nothing_at_once() {
    let (first, len) = within_limit("an empty set", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        handle.spawn(async move {
            let mut set = JoinSet::<u32>::new();
            let first = set.join_next().await.is_none();
            tx.send((first, set.len())).unwrap();
        });
        let counts = runtime.run();
        assert_eq!(counts.polls, 1, "join_next of an empty set waits for nothing");
        rx.recv().unwrap()
    });
    assert_eq!((first, len), (true, 0));
}

#[test]
fn a_panic_and_an_abort_come_back_as_errors_and_the_rest_as_outputs() {
    let results = within_limit("a mixed set", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = mpsc::channel();
        let spawner = handle.clone();
        handle.spawn(async move {
            let mut set = JoinSet::new();
            set.spawn(&spawner, async { 1 });
            set.spawn(&spawner, async {
                panic!("a task of the set panicked on purpose")
            });
            set.spawn(&spawner, async { 3 });
            let mut seen = Vec::new();
            for _ in 0..3 {
                seen.push(match set.join_next().await.unwrap() {
                    Ok(n) => format!("ok {n}"),
                    Err(error) if error.is_panic() => "panicked".to_string(),
                    Err(_) => "cancelled".to_string(),
                });
            }
            // Two that never finish, aborted: both come back cancelled.
            set.spawn(&spawner, pending::<i32>());
            set.spawn(&spawner, pending::<i32>());
            set.abort_all();
            for _ in 0..2 {
                let error = set.join_next().await.unwrap().unwrap_err();
                seen.push(
                    if error.is_cancelled() { "cancelled" } else { "?" }.to_string(),
                );
            }
            seen.sort();
            tx.send(seen).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(results, ["cancelled", "cancelled", "ok 1", "ok 3", "panicked"]);
}

/// Counts its drops: the proof that an aborted task's future was dropped.
struct Guard(Arc<AtomicUsize>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn dropping_the_set_aborts_its_tasks() {
    let dropped = within_limit("a dropped set", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let dropped = Arc::new(AtomicUsize::new(0));
        let mut set = JoinSet::new();
        for _ in 0..3 {
            let guard = Guard(Arc::clone(&dropped));
            set.spawn(&handle, async move {
                let _guard = guard;
                pending::<()>().await
            });
        }
        drop(set);
        // Returns only once every task is done: aborted, here.
        runtime.run();
        dropped.load(Ordering::SeqCst)
    });
    assert_eq!(dropped, 3, "every task's future should be dropped by its abort");
}
