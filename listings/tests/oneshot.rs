//! The behaviours chapter 4 promises of `listings::oneshot`. Anything that
//! could hang runs on its own thread under a time limit.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, TryLockError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

use tokio_test::{assert_pending, assert_ready_eq, task};

use listings::block_on::block_on;
use listings::oneshot::{self, Canceled};

mod common;
use common::{counting_waker, within_limit};

#[test]
fn a_value_sent_before_the_first_poll_is_ready_at_once() {
    let (reply, answer) = oneshot::channel();
    reply.send(5);
    let mut answer = pin!(answer);
    let (wakes, waker) = counting_waker();
    assert_eq!(
        answer.as_mut().poll(&mut Context::from_waker(&waker)),
        Poll::Ready(Ok(5))
    );
    assert_eq!(wakes.count(), 0);
}

#[test]
fn a_value_sent_after_the_first_poll_wakes_the_receiver_once() {
    let (reply, answer) = oneshot::channel();
    let mut answer = pin!(answer);
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    assert!(answer.as_mut().poll(&mut cx).is_pending());
    reply.send("late");
    assert_eq!(wakes.count(), 1, "send must wake the waiting receiver exactly once");
    assert_eq!(answer.as_mut().poll(&mut cx), Poll::Ready(Ok("late")));
}

#[test]
fn a_sender_dropped_before_the_first_poll_resolves_to_canceled() {
    let (reply, answer) = oneshot::channel::<u8>();
    drop(reply);
    assert_eq!(
        within_limit("a receiver with a dropped sender", || block_on(answer)),
        Err(Canceled)
    );
}

#[test]
fn a_sender_dropped_while_the_receiver_waits_wakes_it_with_canceled() {
    let (reply, answer) = oneshot::channel::<u8>();
    let mut answer = task::spawn(answer);
    assert_pending!(answer.poll());
    // The drop happens on another thread, after the first poll: the join
    // orders it, not a sleep.
    thread::spawn(move || drop(reply)).join().unwrap();
    assert!(answer.is_woken(), "dropping the sender must wake the receiver");
    assert_ready_eq!(answer.poll(), Err(Canceled));
}

#[test]
fn a_sender_lost_in_a_panicking_thread_cancels_the_receiver() {
    let (reply, answer) = oneshot::channel::<u8>();
    let worker = thread::spawn(move || {
        let _reply = reply;
        panic!("the worker crashed before it could answer");
    });
    assert!(worker.join().is_err());
    assert_eq!(
        within_limit("a receiver whose sender's thread panicked", || block_on(answer)),
        Err(Canceled)
    );
}

#[test]
#[should_panic(expected = "oneshot::Receiver polled after it returned Ready")]
fn polling_after_ready_panics_with_a_clear_message() {
    let (reply, answer) = oneshot::channel();
    reply.send(1);
    let mut answer = pin!(answer);
    let mut cx = Context::from_waker(Waker::noop());
    assert!(answer.as_mut().poll(&mut cx).is_ready());
    let _ = answer.as_mut().poll(&mut cx);
}

#[test]
fn send_wakes_the_waker_of_the_most_recent_poll() {
    let (reply, answer) = oneshot::channel();
    let mut answer = pin!(answer);
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    assert!(answer.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
    assert!(answer.as_mut().poll(&mut Context::from_waker(&second_waker)).is_pending());
    reply.send(());
    assert_eq!(first.count(), 0, "the stale waker was woken");
    assert_eq!(second.count(), 1, "the current waker was not woken");
}

#[test]
fn sending_from_another_thread_never_loses_the_wake_up() {
    // Races `send` on one thread against the first poll on another, many
    // times; a lost wake-up would leave one `block_on` asleep forever.
    within_limit("2000 racing sends", || {
        for round in 0..2000 {
            let (reply, answer) = oneshot::channel();
            let sender = thread::spawn(move || reply.send(round));
            assert_eq!(block_on(answer), Ok(round));
            sender.join().unwrap();
        }
    });
}

#[test]
fn a_forgotten_sender_leaves_the_receiver_pending_and_never_woken() {
    // What chapter 4's watchdog listing shows: with no Drop to run, nobody is
    // left to wake the receiver.
    let (reply, answer) = oneshot::channel::<u8>();
    let mut answer = task::spawn(answer);
    assert_pending!(answer.poll());
    // Forgotten on another thread, as in Listing 4-7; the join waits until
    // that thread has done everything it will ever do.
    thread::spawn(move || std::mem::forget(reply)).join().unwrap();
    assert!(!answer.is_woken(), "nobody should be left to wake the receiver");
    // The one clone of the waker is in the channel's state, which only the
    // receiver and the forgotten sender can reach.
    assert_eq!(answer.waker_ref_count(), 2);
    assert_pending!(answer.poll(), "a forgotten sender cannot resolve the receiver");
}

/// A waker that polls its receiver on the spot, on the thread that wakes it,
/// as a runner that polls inline would.
struct PollsInline {
    receiver: Mutex<Option<Pin<Box<oneshot::Receiver<&'static str>>>>>,
    answer: Mutex<Option<Poll<Result<&'static str, Canceled>>>>,
}

impl Wake for PollsInline {
    fn wake(self: Arc<Self>) {
        let waker = Waker::from(Arc::clone(&self));
        let mut receiver = self.receiver.lock().unwrap();
        let receiver = receiver.as_mut().expect("the receiver");
        let answer = receiver.as_mut().poll(&mut Context::from_waker(&waker));
        *self.answer.lock().unwrap() = Some(answer);
    }
}

#[test]
fn send_wakes_after_unlocking_so_a_waker_may_poll_inline() {
    // `std::sync::Mutex` is not reentrant: had `send` called the waker while
    // it held the lock, the inline poll's `lock()` on the same thread would
    // never return, and this test would fail by the time limit.
    let answer = within_limit("an inline poll from inside send", || {
        let (reply, receiver) = oneshot::channel();
        let inline = Arc::new(PollsInline {
            receiver: Mutex::new(Some(Box::pin(receiver))),
            answer: Mutex::new(None),
        });
        let waker = Waker::from(Arc::clone(&inline));
        let first = inline
            .receiver
            .lock()
            .unwrap()
            .as_mut()
            .unwrap()
            .as_mut()
            .poll(&mut Context::from_waker(&waker));
        assert!(first.is_pending());
        reply.send("pong"); // calls `wake`, which polls on this thread
        inline.answer.lock().unwrap().take()
    });
    assert_eq!(answer, Some(Poll::Ready(Ok("pong"))));
}

#[test]
fn a_lock_held_by_this_thread_cannot_be_taken_again() {
    // Why the order matters: the inline poll above, run while `send` still
    // held the lock, would meet a Mutex its own thread holds.
    let state = Mutex::new(());
    let _held = state.lock().unwrap();
    assert!(matches!(state.try_lock(), Err(TryLockError::WouldBlock)));
}
