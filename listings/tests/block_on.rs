//! The behaviours chapter 5 promises of `listings::block_on`. Every order
//! between threads here is made by a message, never by a sleep.

use std::cell::Cell;
use std::future::{Future, poll_fn, ready};
use std::pin::{Pin, pin};
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread::{self, Thread};

use listings::block_on::{block_on, block_on_park, block_on_spin};
use listings::oneshot;
use tokio_test::{assert_pending, task};

mod common;
use common::within_limit;

// Listing 5-6's future, `ForgetfulRoundTrip`, through a constructor the
// example keeps out of the book.
#[allow(dead_code)]
#[path = "../examples/forgot_to_wake.rs"]
mod forgot_to_wake;

#[test]
fn every_runner_returns_the_output_of_a_ready_future() {
    assert_eq!(block_on_spin(ready(1)), 1);
    assert_eq!(block_on_park(ready(2)), 2);
    assert_eq!(block_on(ready(3)), 3);
}

/// Runs `run` on a job that awaits a reply from a second thread, `pest`,
/// which hears of each `Pending` poll only after the job stored its waker.
/// Returns the reply and the number of polls.
fn polls_with(
    run: fn(Pin<&mut dyn Future<Output = u32>>) -> u32,
    pest: fn(Thread, oneshot::Sender<u32>, mpsc::Receiver<()>),
) -> (u32, u32) {
    within_limit("a job under a runner", move || {
        let (reply, answer) = oneshot::channel();
        let (pending, pending_seen) = mpsc::channel();
        let runner = thread::current();
        let pest = thread::spawn(move || pest(runner, reply, pending_seen));
        let polls = Cell::new(0);
        let mut answer = pin!(answer);
        let mut job = pin!(poll_fn(|cx| {
            polls.set(polls.get() + 1);
            let answer = answer.as_mut().poll(cx);
            if answer.is_pending() {
                let _ = pending.send(());
            }
            answer.map(Result::unwrap)
        }));
        let value = run(job.as_mut());
        pest.join().unwrap();
        (value, polls.get())
    })
}

/// A thousand stray unparks after the first `Pending`, then the reply.
fn storm_then_send(
    runner: Thread,
    reply: oneshot::Sender<u32>,
    pending_seen: mpsc::Receiver<()>,
) {
    pending_seen.recv().unwrap(); // the runner has polled once
    for _ in 0..1000 {
        runner.unpark();
    }
    reply.send(7);
}

#[test]
fn block_on_polls_once_per_wake_through_a_storm_of_stray_unparks() {
    let (value, polls) = polls_with(|job| block_on(job), storm_then_send);
    assert_eq!(value, 7);
    assert_eq!(
        polls, 2,
        "one poll to start, one after the real wake; stray unparks cost nothing"
    );
}

#[test]
fn futures_block_on_polls_once_per_wake_through_a_storm_of_stray_unparks() {
    // The `futures` crate's `block_on` keeps a flag like Listing 5-7's.
    let (value, polls) =
        polls_with(|job| futures::executor::block_on(job), storm_then_send);
    assert_eq!((value, polls), (7, 2));
}

#[test]
fn block_on_park_polls_again_after_a_stray_unpark() {
    // The pest sends only after the poll that its unpark caused: if
    // `block_on_park` did not poll again, this would fail by the time limit.
    let (value, polls) = polls_with(
        |job| block_on_park(job),
        |runner, reply, pending_seen| {
            pending_seen.recv().unwrap();
            runner.unpark();
            pending_seen.recv().unwrap(); // the useless poll
            reply.send(7);
        },
    );
    assert_eq!((value, polls), (7, 3));
}

#[test]
fn the_forgetful_round_trip_keeps_no_waker_so_block_on_can_never_wake() {
    // Listing 5-6's hang, proved at once: after its `Pending`, the future holds
    // no clone of the waker and did not call it. `block_on` polls again only
    // after its waker is called (the storm test above), so it sleeps forever.
    let mut round_trip = task::spawn(forgot_to_wake::forgetful_round_trip());
    assert_pending!(round_trip.poll());
    assert!(!round_trip.is_woken(), "the future called its waker");
    assert_eq!(round_trip.waker_ref_count(), 1, "the future kept a clone of its waker");
    // The spinning runner needs no waker, so it finishes.
    assert_eq!(block_on_spin(forgot_to_wake::forgetful_round_trip()), "reply");
}

/// A future that, instead of using its waker, hands its thread to another
/// thread that calls `unpark` on it: ready on its second poll.
struct UnparksInsteadOfWaking {
    unparker: Option<thread::JoinHandle<()>>,
}

impl Future for UnparksInsteadOfWaking {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<&'static str> {
        match self.unparker.take() {
            None => {
                let me = thread::current();
                self.unparker = Some(thread::spawn(move || me.unpark()));
                Poll::Pending
            }
            Some(unparker) => {
                unparker.join().unwrap();
                Poll::Ready("done")
            }
        }
    }
}

#[test]
fn a_future_that_unparks_instead_of_waking_runs_under_block_on_park() {
    let done = within_limit("block_on_park on a future that unparks", || {
        block_on_park(UnparksInsteadOfWaking { unparker: None })
    });
    assert_eq!(done, "done");
}

#[test]
fn a_future_that_unparks_instead_of_waking_never_wakes_block_on() {
    // To `block_on` a bare unpark is a stray one: it polls again only after
    // its waker is called, and this future never calls it or keeps it.
    let mut future = task::spawn(UnparksInsteadOfWaking { unparker: None });
    assert_pending!(future.poll());
    // Wait (by a join, not a sleep) until the other thread has unparked.
    let unparker = future.unparker.take().expect("the first poll started the unparker");
    unparker.join().unwrap();
    assert!(!future.is_woken(), "the future called its waker");
    assert_eq!(future.waker_ref_count(), 1, "the future kept a clone of its waker");
}
