//! The exercise of chapter 33 (Listing 33-4): a cooperative budget. These
//! tests pass on the book's solution, `listings/src/engine/budget.rs`; on
//! the starter, `listings/exercises/engine/budget.rs`, run with
//! `cargo test -p listings --features starter --test exercise_budget`,
//! they fail until you have written it.

mod common;

use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll, Waker, ready};

use common::{counting_waker, within_limit};
use listings::engine::budget::{poll_proceed, with_budget};
use listings::engine::runtime::{Runtime, count_polls};
use listings::engine::task::Notified;

/// A source whose messages are all there already, as in Listing 33-1: it
/// never waits, so only the budget can make its reader give way.
struct Waiting {
    left: usize,
}

impl Waiting {
    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<usize>> {
        ready!(poll_proceed(cx));
        if self.left == 0 {
            return Poll::Ready(None);
        }
        self.left -= 1;
        Poll::Ready(Some(self.left))
    }
}

/// Reads `n` messages, adding one to `read` for each.
async fn read_all(n: usize, read: Arc<AtomicUsize>) {
    let mut source = Waiting { left: n };
    for _ in 0..n {
        poll_fn(|cx| source.poll_next(cx)).await.unwrap();
        read.fetch_add(1, Ordering::SeqCst);
    }
}

/// Runs `read_all(1000)` as one task, with a budget or without; returns its
/// polls.
fn polls_for_1000(budget: Option<u32>) -> usize {
    let runtime = Runtime::<Notified>::for_tasks().unwrap();
    let handle = runtime.handle();
    let (tx, rx) = mpsc::channel();
    handle.spawn(async move {
        let polls = AtomicUsize::new(0);
        let read = Arc::new(AtomicUsize::new(0));
        match budget {
            Some(units) => {
                count_polls(
                    with_budget(units, read_all(1000, Arc::clone(&read))),
                    &polls,
                )
                .await
            }
            None => count_polls(read_all(1000, Arc::clone(&read)), &polls).await,
        }
        assert_eq!(read.load(Ordering::SeqCst), 1000);
        tx.send(polls.load(Ordering::SeqCst)).unwrap();
    });
    runtime.run();
    rx.recv().unwrap()
}

#[test]
fn a_budget_of_128_reads_1000_waiting_messages_in_8_polls() {
    let polls = within_limit("a budgeted reader", || polls_for_1000(Some(128)));
    assert_eq!(polls, 8, "128 per poll, and the last 104 in the eighth, as on Tokio");
}

#[test]
fn without_a_budget_the_same_reader_takes_one_poll() {
    let polls = within_limit("an unbudgeted reader", || {
        // The budget of a `with_budget` must not leak into a task without one.
        polls_for_1000(Some(128));
        polls_for_1000(None)
    });
    assert_eq!(polls, 1);
}

#[test]
fn a_greedy_task_lets_the_next_one_in_after_its_budget() {
    let seen = within_limit("a greedy task and a polite one", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let read = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        handle.spawn(with_budget(128, read_all(1000, Arc::clone(&read))));
        let greedy = Arc::clone(&read);
        handle.spawn(async move { tx.send(greedy.load(Ordering::SeqCst)).unwrap() });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(seen, 128, "the second task should run after the first's first budget");
}

#[test]
fn a_spent_budget_wakes_the_task_and_the_next_poll_has_a_new_one() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut calls = 0;
    let mut future = pin!(with_budget(
        2,
        poll_fn(|cx| {
            // Three operations in all, on a budget of two per poll.
            while calls < 3 {
                ready!(poll_proceed(cx));
                calls += 1;
            }
            Poll::Ready(calls)
        })
    ));
    assert!(
        future.as_mut().poll(&mut cx).is_pending(),
        "two units for three operations"
    );
    assert_eq!(counter.count(), 1, "a Pending for the budget must wake the task");
    assert_eq!(
        future.as_mut().poll(&mut cx),
        Poll::Ready(3),
        "a new budget for the next poll"
    );
}

#[test]
fn outside_with_budget_there_is_no_limit_even_after_a_panic_inside() {
    let mut cx = Context::from_waker(Waker::noop());
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        let mut future =
            pin!(with_budget(1, poll_fn(|_| -> Poll<()> { panic!("inside") })));
        let _ = future.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    }));
    assert!(panicked.is_err());
    for _ in 0..10_000 {
        assert_eq!(poll_proceed(&mut cx), Poll::Ready(()), "a budget leaked out");
    }
}
