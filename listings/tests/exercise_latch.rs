//! The exercise of chapter 4 (Listing 4-11): a latch. These tests pass on the
//! book's solution, `listings/src/latch.rs`; on the starter,
//! `listings/exercises/latch.rs`, run with
//! `cargo test -p listings --features starter --test exercise_latch`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::latch::latch;
use listings::oneshot::Canceled;

#[test]
fn it_is_ready_once_three_threads_have_arrived() {
    let answer = within_limit("the latch", || {
        let (arrivals, all) = latch(3);
        for arrival in arrivals {
            thread::spawn(move || arrival.arrive());
        }
        block_on(all)
    });
    assert_eq!(answer, Ok(()));
}

#[test]
fn it_wakes_once_when_the_last_one_arrives() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let (arrivals, all) = latch(3);
    let mut all = pin!(all);
    assert_eq!(all.as_mut().poll(&mut cx), Poll::Pending);
    let mut arrivals = arrivals.into_iter();
    arrivals.next().unwrap().arrive();
    arrivals.next().unwrap().arrive();
    assert_eq!(counter.count(), 0, "woken before the last arrival");
    assert_eq!(all.as_mut().poll(&mut cx), Poll::Pending);
    arrivals.next().unwrap().arrive();
    assert_eq!(counter.count(), 1);
    assert_eq!(all.as_mut().poll(&mut cx), Poll::Ready(Ok(())));
}

#[test]
fn an_arrival_dropped_without_arriving_cancels_at_once() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let (mut arrivals, all) = latch(2);
    let mut all = pin!(all);
    assert_eq!(all.as_mut().poll(&mut cx), Poll::Pending);
    drop(arrivals.pop());
    assert_eq!(counter.count(), 1, "a dropped arrival should wake the latch");
    assert_eq!(all.as_mut().poll(&mut cx), Poll::Ready(Err(Canceled)));
}

#[test]
fn a_latch_of_none_is_ready_at_once() {
    let (arrivals, all) = latch(0);
    assert!(arrivals.is_empty());
    let mut cx = Context::from_waker(std::task::Waker::noop());
    assert_eq!(pin!(all).poll(&mut cx), Poll::Ready(Ok(())));
}

#[test]
fn the_waker_of_the_latest_poll_is_the_one_woken() {
    let (first, first_waker) = counting_waker();
    let (latest, latest_waker) = counting_waker();
    let (mut arrivals, all) = latch(1);
    let mut all = pin!(all);
    assert!(all.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
    assert!(all.as_mut().poll(&mut Context::from_waker(&latest_waker)).is_pending());
    arrivals.pop().unwrap().arrive();
    assert_eq!((first.count(), latest.count()), (0, 1));
}
