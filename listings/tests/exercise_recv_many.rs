//! The exercise of chapter 35 (Listing 35-16): `recv_many`. These tests pass
//! on the book's solution, `listings/src/many_threads/channel/recv_many.rs`;
//! on the starter, `listings/exercises/many_threads/channel/recv_many.rs`,
//! run with `cargo test -p listings --features starter --test exercise_recv_many`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use futures::executor::block_on;
use listings::many_threads::channel::channel;
use listings::many_threads::channel::recv_many::recv_many;

#[test]
fn recv_many_takes_what_is_buffered_up_to_its_limit() {
    let (sender, mut receiver) = channel(8);
    (1..=5).for_each(|n| sender.try_send(n).unwrap());
    let mut into = vec![0];
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 3)), 3);
    assert_eq!(into, [0, 1, 2, 3], "appended, oldest first");
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 10)), 2);
    assert_eq!(into, [0, 1, 2, 3, 4, 5]);
}

#[test]
fn recv_many_waits_for_the_first_message() {
    let (sender, mut receiver) = channel(4);
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut into = Vec::new();
    {
        let mut batch = pin!(recv_many(&mut receiver, &mut into, 10));
        assert_eq!(batch.as_mut().poll(&mut cx), Poll::Pending, "nothing to take");
        sender.try_send("a").unwrap();
        assert_eq!(wakes.count(), 1, "the first message wakes the waiting batch");
        sender.try_send("b").unwrap();
        assert_eq!(batch.as_mut().poll(&mut cx), Poll::Ready(2));
    }
    assert_eq!(into, ["a", "b"]);
    sender.try_send("c").unwrap();
    assert_eq!(wakes.count(), 1, "a batch that has returned is not woken again");
}

#[test]
fn recv_many_returns_zero_at_the_end_and_for_a_limit_of_zero() {
    let (sender, mut receiver) = channel(4);
    sender.try_send(1).unwrap();
    sender.try_send(2).unwrap();
    let mut into = Vec::new();
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 0)), 0, "at once");
    assert!(into.is_empty());
    drop(sender);
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 10)), 2, "the last ones");
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 10)), 0, "the end");
    assert_eq!(into, [1, 2]);
}

#[test]
fn recv_many_hands_each_freed_slot_to_a_waiting_sender() {
    let (sender, mut receiver) = channel(2);
    sender.try_send(1).unwrap();
    sender.try_send(2).unwrap();
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut third = pin!(sender.send(3));
    let mut fourth = pin!(sender.send(4));
    assert!(third.as_mut().poll(&mut cx).is_pending(), "the channel is full");
    assert!(fourth.as_mut().poll(&mut cx).is_pending());

    let mut into = Vec::new();
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 10)), 2);
    assert_eq!(wakes.count(), 2, "both waiting senders were handed a slot");
    assert_eq!(third.as_mut().poll(&mut cx), Poll::Ready(Ok(())));
    assert_eq!(fourth.as_mut().poll(&mut cx), Poll::Ready(Ok(())));
    assert_eq!(block_on(recv_many(&mut receiver, &mut into, 10)), 2);
    assert_eq!(into, [1, 2, 3, 4]);
}

#[test]
fn recv_many_loses_and_reorders_nothing_across_threads() {
    const SENDERS: usize = 4;
    const EACH: usize = 2_000;
    let received = within_limit("four senders and a batching receiver", || {
        let (sender, mut receiver) = channel(16);
        let senders: Vec<_> = (0..SENDERS)
            .map(|who| {
                let sender = sender.clone();
                thread::spawn(move || {
                    for n in 0..EACH {
                        block_on(sender.send((who, n))).unwrap();
                    }
                })
            })
            .collect();
        drop(sender);
        let mut received = Vec::new();
        while block_on(recv_many(&mut receiver, &mut received, 64)) > 0 {}
        senders.into_iter().for_each(|sender| sender.join().unwrap());
        received
    });
    assert_eq!(received.len(), SENDERS * EACH);
    for who in 0..SENDERS {
        let from: Vec<usize> = received
            .iter()
            .filter(|(sender, _)| *sender == who)
            .map(|&(_, n)| n)
            .collect();
        assert_eq!(from, (0..EACH).collect::<Vec<_>>(), "sender {who}, in order");
    }
}
