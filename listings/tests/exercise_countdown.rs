//! The exercise of chapter 22 (Listing 22-5): `countdown` by hand. These
//! tests pass on the book's solution, `listings/src/in_depth/countdown.rs`;
//! on the starter, `listings/exercises/in_depth/countdown.rs`, run with
//! `cargo test -p listings --features starter --test exercise_countdown`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::sync::Arc;
use std::sync::mpsc;
use std::task::{Context, Poll, Wake, Waker};

use common::within_limit;
use listings::block_on::block_on;
use listings::in_depth::countdown::{countdown, countdown_by_hand};

#[test]
fn by_hand_logs_and_returns_what_the_async_fn_does() {
    let (async_run, hand_run) = within_limit("both countdowns", || {
        let mut async_log = Vec::new();
        let async_result = block_on(countdown(&mut async_log, 3));
        let mut hand_log = Vec::new();
        let hand_result = block_on(countdown_by_hand(&mut hand_log, 3));
        ((async_log, async_result), (hand_log, hand_result))
    });
    assert_eq!(async_run.0, ["T-3", "T-2", "T-1", "liftoff"]);
    assert_eq!(hand_run, async_run);
}

/// A waker that sends a message on each wake.
struct Signal(mpsc::SyncSender<()>);

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        let _ = self.0.try_send(());
    }
}

/// Polls `countdown_by_hand(from)` to the end, each poll after a wake
/// only; returns what each poll answered, and the log.
fn poll_by_poll(from: u32) -> (Vec<Poll<u32>>, Vec<String>) {
    let (signal, woken) = mpsc::sync_channel(8);
    let waker = Waker::from(Arc::new(Signal(signal)));
    let mut cx = Context::from_waker(&waker);
    let mut log = Vec::new();
    let mut polls = Vec::new();
    let mut future = pin!(countdown_by_hand(&mut log, from));
    loop {
        let poll = future.as_mut().poll(&mut cx);
        polls.push(poll);
        if poll.is_ready() {
            break;
        }
        woken.recv().expect("answered Pending and arranged no wake");
    }
    (polls, log)
}

#[test]
fn it_pauses_once_per_tick_and_each_wake_moves_it_on() {
    let (polls, log) = within_limit("a countdown from 2", || poll_by_poll(2));
    assert_eq!(
        polls,
        [Poll::Pending, Poll::Pending, Poll::Ready(2)],
        "a countdown from 2 pauses at two ticks: three polls in all"
    );
    assert_eq!(log, ["T-2", "T-1", "liftoff"]);
}

#[test]
fn the_first_poll_logs_only_the_first_call_and_answers_pending() {
    let (first, log) = within_limit("one poll", || {
        let mut log = Vec::new();
        let first = {
            let mut cx = Context::from_waker(Waker::noop());
            pin!(countdown_by_hand(&mut log, 3)).poll(&mut cx)
        };
        (first, log)
    });
    assert_eq!(first, Poll::Pending);
    assert_eq!(log, ["T-3"], "the first poll ran past the first `.await`");
}

#[test]
fn from_zero_it_lifts_off_on_the_first_poll() {
    let (first, log) = within_limit("a countdown from 0", || {
        let mut log = Vec::new();
        let first = {
            let mut cx = Context::from_waker(Waker::noop());
            pin!(countdown_by_hand(&mut log, 0)).poll(&mut cx)
        };
        (first, log)
    });
    assert_eq!(first, Poll::Ready(0));
    assert_eq!(log, ["liftoff"]);
}

#[test]
fn a_poll_after_the_end_panics() {
    let again = within_limit("a finished countdown polled again", || {
        let mut log = Vec::new();
        let mut cx = Context::from_waker(Waker::noop());
        let mut future = Box::pin(countdown_by_hand(&mut log, 0));
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(0));
        catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))).is_err()
    });
    assert!(again, "a poll after Ready should panic, as the async fn's does");
}
