//! The exercise of chapter 34 (Listing 34-23): `BatchInject::pop_share`.
//! These tests pass on the book's solution,
//! `listings/src/many_threads/steal/pop_share.rs`; on the starter,
//! `listings/exercises/many_threads/steal/pop_share.rs`, run with
//! `cargo test -p listings --features starter --test exercise_pop_share`,
//! they fail until you have written it.

mod common;

use std::sync::Arc;
use std::thread;

use common::within_limit;
use listings::many_threads::steal::pop_share::BatchInject;
use listings::many_threads::steal::queue::Local;

/// An inject queue holding the tasks `0..count`.
fn inject_of(count: usize) -> BatchInject<usize> {
    let inject = BatchInject::new();
    (0..count).for_each(|task| inject.push(task));
    inject
}

/// Takes every task out of `local`, oldest first.
fn contents(local: &Local<usize>) -> Vec<usize> {
    local.drain()
}

#[test]
fn pop_share_takes_a_workers_share_oldest_first() {
    // 20 tasks, 4 workers: a share is 20 / 4 + 1 = 6 tasks.
    let inject = inject_of(20);
    let local = Local::new(16);
    assert_eq!(inject.pop_share(&local, 4), Some(0), "the oldest, to run now");
    assert_eq!(contents(&local), [1, 2, 3, 4, 5]);
    assert_eq!(inject.len(), 14);
    assert_eq!(inject.pop_share(&local, 1), Some(6), "the rest stay in order");
}

#[test]
fn pop_share_moves_no_more_than_half_the_local_capacity() {
    // One worker's share is all 10, but a queue of 16 takes only 8 of them.
    let inject = inject_of(10);
    let local = Local::new(16);
    assert_eq!(inject.pop_share(&local, 1), Some(0));
    assert_eq!(contents(&local), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(inject.len(), 1);
    assert_eq!(inject.pop_share(&local, 1), Some(9));
    assert!(local.is_empty(), "a share of one is only the task to run");
}

#[test]
fn pop_share_moves_no_more_than_the_local_queue_has_room_for() {
    let inject = inject_of(10);
    let local = Local::new(4);
    [100, 101, 102]
        .into_iter()
        .for_each(|task| assert!(local.push_back(task).is_none()));
    assert_eq!(inject.pop_share(&local, 1), Some(0));
    assert_eq!(contents(&local), [100, 101, 102, 1], "room for one");
    assert_eq!(inject.len(), 8);

    [100, 101, 102, 103]
        .into_iter()
        .for_each(|task| assert!(local.push_back(task).is_none()));
    assert_eq!(
        inject.pop_share(&local, 1),
        Some(2),
        "a full queue: only the task to run"
    );
    assert_eq!(local.len(), 4);
    assert_eq!(inject.len(), 7);
}

#[test]
fn pop_share_of_an_empty_queue_is_none() {
    let inject = inject_of(0);
    let local = Local::new(4);
    assert_eq!(inject.pop_share(&local, 4), None);
    assert!(local.is_empty());
    let inject = inject_of(3);
    assert_eq!(inject.pop_share(&local, 0), Some(0), "0 workers counts as 1");
    assert_eq!(contents(&local), [1, 2]);
}

#[test]
fn pop_share_loses_and_duplicates_nothing_across_threads() {
    const TASKS: usize = 10_000;
    const WORKERS: usize = 4;
    let inject = Arc::new(inject_of(TASKS));
    let ran = within_limit("four workers emptying an inject queue", move || {
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                let inject = Arc::clone(&inject);
                thread::spawn(move || {
                    let local = Local::new(8);
                    let mut ran = Vec::new();
                    // A worker runs its own queue first, then takes a share.
                    while let Some(task) =
                        local.pop().or_else(|| inject.pop_share(&local, WORKERS))
                    {
                        ran.push(task);
                    }
                    ran
                })
            })
            .collect();
        let mut ran: Vec<usize> =
            workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
        ran.sort_unstable();
        ran
    });
    assert_eq!(ran, (0..TASKS).collect::<Vec<_>>(), "each task ran exactly once");
}
