//! Chapter 15: the rules of `poll` that Part I's tests do not already
//! check, each with a future that breaks it.

mod common;

use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use common::within_limit;
use listings::own_futures::blocking::{BlockingSleep, ticks_during};
use listings::own_futures::first_waker::{Flag, WaitForFlag};
use tokio_test::task::{self, Spawn};

/// Polls `wait` once with a waker nobody listens to (a runner that has moved
/// on), then hands it to a new runner: tokio-test's mock task, whose waker
/// can be inspected. The flag is raised after the new runner's first poll.
fn first_poll_elsewhere(flag: &Flag, mut wait: WaitForFlag) -> Spawn<WaitForFlag> {
    let noop = &mut Context::from_waker(Waker::noop());
    assert!(Pin::new(&mut wait).poll(noop).is_pending());
    let mut new_runner = task::spawn(wait);
    assert!(new_runner.poll().is_pending());
    flag.raise();
    new_runner
}

#[test]
fn a_future_that_keeps_its_first_waker_hangs_once_it_changes_runner() {
    let flag = Flag::default();
    let new_runner = first_poll_elsewhere(&flag, flag.wait_keeping_first_waker());
    // The raise woke the first runner's waker. The new runner was not woken,
    // and nobody holds a clone of its waker, so nothing ever can wake it.
    assert!(!new_runner.is_woken(), "the raise reached the new runner");
    assert_eq!(new_runner.waker_ref_count(), 1, "the future kept the new waker");
}

#[test]
fn a_future_that_keeps_the_latest_waker_finishes_under_its_new_runner() {
    let flag = Flag::default();
    let mut new_runner = first_poll_elsewhere(&flag, flag.wait());
    assert!(new_runner.is_woken(), "the raise did not wake the new runner");
    assert!(new_runner.poll().is_ready());
}

/// Answers `Pending` once without arranging a wake, then `Ready`.
struct ForgetsToWake {
    polled: bool,
}

impl Future for ForgetsToWake {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.polled {
            return Poll::Ready(());
        }
        self.polled = true;
        Poll::Pending // and nobody will call the waker
    }
}

#[test]
fn a_future_that_forgets_to_wake_hangs_block_on() {
    let mut task = task::spawn(ForgetsToWake { polled: false });
    assert!(task.poll().is_pending());
    // Not woken, and no clone of the waker exists: `block_on`, which polls
    // again only after a wake, would park forever.
    assert!(!task.is_woken());
    assert_eq!(task.waker_ref_count(), 1, "the future kept a clone of its waker");
}

use common::on_current_thread as current_thread;

#[test]
fn a_future_that_blocks_in_poll_starves_the_other_tasks_of_its_thread() {
    // The ticker ticks as soon as it first runs, so 0 means it never ran:
    // the whole wait was spent inside one call to `poll`. Any length shows it.
    let wait = Duration::from_millis(30);
    let blocked = within_limit("blocking", move || {
        current_thread(ticks_during(BlockingSleep { duration: wait }))
    });
    assert_eq!(blocked, 0, "the ticker ran while poll was blocking");
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_future_that_waits_without_blocking_lets_the_other_tasks_run() {
    // On a paused clock the ticks do not depend on the machine's load: one at
    // the start, then one per 10 ms of Tokio's clock until the 295 ms are up.
    let ticks = ticks_during(tokio::time::sleep(Duration::from_millis(295))).await;
    assert_eq!(ticks, 30, "one tick at 0 ms and one every 10 ms up to 290 ms");
}

#[test]
fn a_fused_future_answers_pending_after_ready_instead_of_panicking() {
    use futures::FutureExt;
    let (reply, answer) = listings::oneshot::channel();
    reply.send("pong");
    let mut answer = pin!(answer.fuse());
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(answer.as_mut().poll(&mut cx), std::task::Poll::Ready(Ok("pong")));
    assert!(answer.as_mut().poll(&mut cx).is_pending());
}
