//! The exercise of chapter 36 (Listing 36-17): `Acquire::poll`, a fair
//! semaphore's wait. These tests pass on the book's solution,
//! `listings/src/many_threads/mutex/semaphore.rs`; on the starter,
//! `listings/exercises/many_threads/mutex/semaphore.rs`, run with
//! `cargo test -p listings --features starter --test exercise_semaphore`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use futures::executor::block_on;
use listings::many_threads::mutex::semaphore::Semaphore;

#[test]
fn acquire_takes_a_free_permit_at_once_and_waits_when_none_is_free() {
    let semaphore = Semaphore::new(2);
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let first = pin!(semaphore.acquire()).poll(&mut cx);
    let second = pin!(semaphore.acquire()).poll(&mut cx);
    assert!(first.is_ready() && second.is_ready(), "two permits, two holders");
    assert_eq!(semaphore.available(), 0);
    let mut third = pin!(semaphore.acquire());
    assert!(third.as_mut().poll(&mut cx).is_pending(), "no third permit");
    drop(first);
    assert_eq!(wakes.count(), 1, "a released permit wakes the waiter");
    let third = third.as_mut().poll(&mut cx);
    assert!(third.is_ready());
    assert_eq!(semaphore.available(), 0, "handed over, never free");
    drop(second);
    assert_eq!(semaphore.available(), 1, "with nobody waiting, it is free");
}

#[test]
fn acquire_hands_permits_out_in_the_order_of_asking() {
    let semaphore = Semaphore::new(1);
    let held = block_on(semaphore.acquire());
    let (a_wakes, a_waker) = counting_waker();
    let (b_wakes, b_waker) = counting_waker();
    let (c_wakes, c_waker) = counting_waker();
    let mut a = pin!(semaphore.acquire());
    let mut b = pin!(semaphore.acquire());
    assert!(a.as_mut().poll(&mut Context::from_waker(&a_waker)).is_pending());
    assert!(b.as_mut().poll(&mut Context::from_waker(&b_waker)).is_pending());
    drop(held);
    assert_eq!((a_wakes.count(), b_wakes.count()), (1, 0), "the oldest first");
    // A latecomer cannot take the permit handed to `a`.
    let mut c = pin!(semaphore.acquire());
    assert!(c.as_mut().poll(&mut Context::from_waker(&c_waker)).is_pending());
    let a_permit = a.as_mut().poll(&mut Context::from_waker(&a_waker));
    assert!(a_permit.is_ready());
    drop(a_permit);
    assert_eq!((b_wakes.count(), c_wakes.count()), (1, 0));
    assert!(b.as_mut().poll(&mut Context::from_waker(&b_waker)).is_ready());
}

#[test]
fn acquire_polled_again_keeps_its_place_and_its_newest_waker() {
    let semaphore = Semaphore::new(1);
    let held = block_on(semaphore.acquire());
    let (old_wakes, old_waker) = counting_waker();
    let (new_wakes, new_waker) = counting_waker();
    let (later_wakes, later_waker) = counting_waker();
    let mut first = pin!(semaphore.acquire());
    let mut later = pin!(semaphore.acquire());
    assert!(first.as_mut().poll(&mut Context::from_waker(&old_waker)).is_pending());
    assert!(later.as_mut().poll(&mut Context::from_waker(&later_waker)).is_pending());
    assert!(first.as_mut().poll(&mut Context::from_waker(&new_waker)).is_pending());
    drop(held);
    assert_eq!((old_wakes.count(), new_wakes.count()), (0, 1), "the newest waker");
    assert_eq!(later_wakes.count(), 0, "polled again, still first in line");
    assert!(first.as_mut().poll(&mut Context::from_waker(&new_waker)).is_ready());
}

#[test]
fn a_waiter_dropped_with_a_handed_permit_passes_it_on() {
    let semaphore = Semaphore::new(1);
    let held = block_on(semaphore.acquire());
    let (_, a_waker) = counting_waker();
    let (b_wakes, b_waker) = counting_waker();
    let mut a = Box::pin(semaphore.acquire());
    let mut b = pin!(semaphore.acquire());
    assert!(a.as_mut().poll(&mut Context::from_waker(&a_waker)).is_pending());
    assert!(b.as_mut().poll(&mut Context::from_waker(&b_waker)).is_pending());
    drop(held); // handed to `a`...
    drop(a); // ...which gives up before it takes it
    assert_eq!(b_wakes.count(), 1, "the permit went on to the next waiter");
    assert!(matches!(
        b.as_mut().poll(&mut Context::from_waker(&b_waker)),
        Poll::Ready(_)
    ));
}

#[test]
fn acquire_never_lets_more_than_its_permits_in_across_threads() {
    const PERMITS: usize = 3;
    const THREADS: usize = 8;
    const EACH: usize = 300;
    let (most, done) = within_limit("eight threads sharing three permits", || {
        let semaphore = Arc::new(Semaphore::new(PERMITS));
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..THREADS)
            .map(|_| {
                let (semaphore, inside, most, done) =
                    (semaphore.clone(), inside.clone(), most.clone(), done.clone());
                thread::spawn(move || {
                    for _ in 0..EACH {
                        let permit = block_on(semaphore.acquire());
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                        drop(permit);
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|thread| thread.join().unwrap());
        assert_eq!(semaphore.available(), PERMITS, "every permit came back");
        (most.load(Ordering::SeqCst), done.load(Ordering::SeqCst))
    });
    assert!(most <= PERMITS, "{most} holders at once");
    assert_eq!(done, THREADS * EACH);
}
