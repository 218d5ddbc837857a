//! The exercise of chapter 10 (Listing 10-10): `join_all`. These tests pass
//! on the book's solution, `listings/src/reinventing/join_all.rs`; on the
//! starter, `listings/exercises/reinventing/join_all.rs`, run with
//! `cargo test -p listings --features starter --test exercise_join_all`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::oneshot::{self, Canceled};
use listings::reinventing::join_all::join_all;

/// Passes on what `inner` answers, counting its polls.
struct Counting<F> {
    inner: F,
    polls: Arc<AtomicUsize>,
}

impl<F: Future + Unpin> Future for Counting<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        Pin::new(&mut self.inner).poll(cx)
    }
}

/// Three counted receivers, their senders, and their poll counts.
type Receivers = Vec<Counting<oneshot::Receiver<u32>>>;

fn three_valves() -> (Vec<oneshot::Sender<u32>>, Receivers, Vec<Arc<AtomicUsize>>) {
    let (mut senders, mut receivers, mut polls) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        let (sender, receiver) = oneshot::channel();
        let count = Arc::new(AtomicUsize::new(0));
        senders.push(sender);
        receivers.push(Counting { inner: receiver, polls: Arc::clone(&count) });
        polls.push(count);
    }
    (senders, receivers, polls)
}

fn counts(polls: &[Arc<AtomicUsize>]) -> Vec<usize> {
    polls.iter().map(|count| count.load(Ordering::SeqCst)).collect()
}

#[test]
fn the_outputs_come_in_the_order_of_the_futures() {
    let outputs = within_limit("join_all", || {
        let (senders, receivers, _) = three_valves();
        thread::spawn(move || {
            for (value, sender) in senders.into_iter().enumerate().rev() {
                sender.send(value as u32);
            }
        });
        block_on(join_all(receivers))
    });
    assert_eq!(outputs, [Ok(0), Ok(1), Ok(2)]);
}

#[test]
fn a_wake_polls_only_the_child_it_was_for() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let (mut senders, receivers, polls) = three_valves();
    let mut all = pin!(join_all(receivers));
    assert!(all.as_mut().poll(&mut cx).is_pending());
    assert_eq!(counts(&polls), [1, 1, 1], "the first poll polls every child");
    senders.remove(1).send(10);
    assert_eq!(counter.count(), 1, "the child's wake did not reach the caller");
    assert!(all.as_mut().poll(&mut cx).is_pending());
    assert_eq!(counts(&polls), [1, 2, 1], "only the woken child is polled");
    drop(senders); // both remaining senders hang up: both children wake
    assert_eq!(
        all.as_mut().poll(&mut cx),
        Poll::Ready(vec![Err(Canceled), Ok(10), Err(Canceled)])
    );
    assert_eq!(counts(&polls), [2, 2, 2], "a finished child is not polled again");
}

#[test]
fn the_waker_of_the_latest_poll_is_the_one_woken() {
    let (first, first_waker) = counting_waker();
    let (latest, latest_waker) = counting_waker();
    let (mut senders, receivers, _) = three_valves();
    let mut all = pin!(join_all(receivers));
    assert!(all.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
    assert!(all.as_mut().poll(&mut Context::from_waker(&latest_waker)).is_pending());
    senders.remove(0).send(1);
    assert_eq!((first.count(), latest.count()), (0, 1));
}

#[test]
fn no_futures_are_ready_at_once() {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let none: Vec<std::future::Ready<u8>> = Vec::new();
    assert_eq!(pin!(join_all(none)).poll(&mut cx), Poll::Ready(Vec::new()));
}
