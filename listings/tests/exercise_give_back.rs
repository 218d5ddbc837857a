//! The exercise of chapter 6 (Listing 6-3): a oneshot whose `send` gives the
//! value back. These tests pass on the book's solution,
//! `listings/src/give_back.rs`; on the starter,
//! `listings/exercises/give_back.rs`, run with
//! `cargo test -p listings --features starter --test exercise_give_back`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::give_back::channel;
use listings::oneshot::Canceled;

#[test]
fn a_value_sent_to_a_waiting_receiver_arrives() {
    let answer = within_limit("the receiver", || {
        let (sender, receiver) = channel();
        let worker = thread::spawn(move || sender.send(100_i64));
        let answer = block_on(receiver);
        (answer, worker.join().unwrap())
    });
    assert_eq!(answer, (Ok(100), Ok(())));
}

#[test]
fn send_gives_the_value_back_when_the_receiver_is_gone() {
    let (sender, receiver) = channel();
    drop(receiver);
    assert_eq!(sender.send(String::from("balance: 100")), Err("balance: 100".into()));
}

#[test]
fn a_receiver_dropped_after_a_poll_is_gone_too() {
    let (_, waker) = counting_waker();
    let (sender, receiver) = channel::<u8>();
    {
        let mut receiver = pin!(receiver);
        let mut cx = Context::from_waker(&waker);
        assert_eq!(receiver.as_mut().poll(&mut cx), Poll::Pending);
    }
    assert_eq!(sender.send(7), Err(7));
}

#[test]
fn a_sender_dropped_without_sending_still_cancels() {
    let (counter, waker) = counting_waker();
    let (sender, receiver) = channel::<u8>();
    let mut receiver = pin!(receiver);
    let mut cx = Context::from_waker(&waker);
    assert_eq!(receiver.as_mut().poll(&mut cx), Poll::Pending);
    drop(sender);
    assert_eq!(counter.count(), 1);
    assert_eq!(receiver.as_mut().poll(&mut cx), Poll::Ready(Err(Canceled)));
}
