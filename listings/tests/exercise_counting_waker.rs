//! The exercise of chapter 30 (Listing 30-19): a waker by hand. These tests
//! pass on the book's solution, `listings/src/engine/counting_waker.rs`; on
//! the starter, `listings/exercises/engine/counting_waker.rs`, run with
//! `cargo test -p listings --features starter --test exercise_counting_waker`,
//! they fail until you have written it. They run under Miri too
//! (`ci/miri.sh`), which fails on a leak, a double free or a stale pointer.

mod common;

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::thread::{self, JoinHandle};

use common::within_limit;
use listings::engine::counting_waker::{WakeCounts, counting_waker};

#[test]
fn wake_by_value_consumes_the_waker_and_counts_once() {
    let (waker, counts) = counting_waker();
    assert_eq!(Arc::strong_count(&counts), 2, "the counts, and the waker");
    assert_eq!(counts.live(), 1);
    waker.wake();
    assert_eq!(counts.by_value(), 1);
    assert_eq!(counts.by_ref(), 0);
    assert_eq!(counts.live(), 0, "wake consumes the waker");
    assert_eq!(Arc::strong_count(&counts), 1, "wake gave back the waker's count");
}

#[test]
fn wake_by_ref_counts_and_keeps_the_waker() {
    let (waker, counts) = counting_waker();
    waker.wake_by_ref();
    waker.wake_by_ref();
    assert_eq!(counts.by_ref(), 2);
    assert_eq!(counts.by_value(), 0);
    assert_eq!(counts.live(), 1, "the waker is still there");
    assert_eq!(Arc::strong_count(&counts), 2, "and still holds its count");
    drop(waker);
    assert_eq!(counts.wakes(), 2, "a drop is no wake");
    assert_eq!(counts.live(), 0);
    assert_eq!(Arc::strong_count(&counts), 1);
}

#[test]
fn clones_and_drops_keep_the_count_right() {
    let (waker, counts) = counting_waker();
    let clones: Vec<_> = (0..3).map(|_| waker.clone()).collect();
    assert_eq!(counts.live(), 4);
    assert_eq!(Arc::strong_count(&counts), 5, "one count per waker, and ours");
    let mut clones = clones.into_iter();
    clones.next().unwrap().wake();
    drop(clones.next());
    assert_eq!(counts.live(), 2);
    assert_eq!(Arc::strong_count(&counts), 3);
    let last = clones.next().unwrap();
    drop(waker);
    last.wake_by_ref();
    assert_eq!(Arc::strong_count(&counts), 2, "the first waker's drop gave one back");
    drop(last);
    assert_eq!((counts.by_value(), counts.by_ref()), (1, 1));
    assert_eq!(counts.live(), 0);
    assert_eq!(Arc::strong_count(&counts), 1, "every waker is gone: no leak");
}

#[test]
fn clones_woken_and_dropped_on_other_threads_keep_the_count_right() {
    let counts = within_limit("four threads with a clone each", || {
        let (waker, counts) = counting_waker();
        let threads: Vec<_> = (0..4)
            .map(|i| {
                let clone = waker.clone();
                thread::spawn(move || {
                    if i % 2 == 0 {
                        clone.wake();
                    } else {
                        clone.wake_by_ref();
                        let again = clone.clone();
                        drop(clone);
                        drop(again);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(counts.live(), 1, "only the first waker is left");
        drop(waker);
        counts
    });
    assert_eq!((counts.by_value(), counts.by_ref()), (2, 2));
    assert_eq!(counts.live(), 0);
    assert_eq!(Arc::strong_count(&counts), 1, "no leak, no double free");
}

#[test]
fn a_clone_will_wake_the_same_task_and_shares_its_counts() {
    let (waker, counts) = counting_waker();
    let clone = waker.clone();
    assert!(waker.will_wake(&clone), "same data pointer, same table");
    assert!(clone.will_wake(&waker));
    let (other, other_counts) = counting_waker();
    assert!(!waker.will_wake(&other), "another `Arc`, another task");
    clone.wake();
    assert_eq!(counts.by_value(), 1, "the clone's wake is counted with the waker's");
    assert_eq!(other_counts.wakes(), 0);
    drop((waker, other));
    assert_eq!(Arc::strong_count(&counts), 1);
    assert_eq!(Arc::strong_count(&other_counts), 1);
}

/// A future that is woken `rounds` times by value, each time from a new
/// thread, which it starts with a clone of its waker and joins.
struct WokenFromThreads {
    rounds: usize,
    woken: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Future for WokenFromThreads {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if let Some(thread) = this.thread.take() {
            if !this.woken.load(Ordering::Acquire) {
                this.thread = Some(thread);
                return Poll::Pending; // an unpark left over from before
            }
            thread.join().unwrap();
            this.woken.store(false, Ordering::Relaxed);
        }
        if this.rounds == 0 {
            return Poll::Ready(());
        }
        this.rounds -= 1;
        let waker = cx.waker().clone();
        let woken = Arc::clone(&this.woken);
        this.thread = Some(thread::spawn(move || {
            woken.store(true, Ordering::Release);
            waker.wake();
        }));
        Poll::Pending
    }
}

/// The smallest executor: poll with a counting waker, park until a wake.
fn block_on<F: Future>(future: F) -> (F::Output, Arc<WakeCounts>) {
    let (waker, counts) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, counts);
        }
        thread::park();
    }
}

#[test]
fn the_waker_drives_a_future_woken_from_other_threads() {
    let counts = within_limit("a block_on on the counting waker", || {
        let future =
            WokenFromThreads { rounds: 3, woken: Arc::default(), thread: None };
        let ((), counts) = block_on(future);
        counts
    });
    assert_eq!(counts.by_value(), 3, "three threads, one wake each");
    assert_eq!(counts.by_ref(), 0);
    assert_eq!(counts.live(), 0);
    assert_eq!(Arc::strong_count(&counts), 1, "every clone was given back");
}
