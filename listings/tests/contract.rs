//! Chapter 15: the rules of `poll` that Part I's tests do not already
//! check, each with a future that breaks it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use common::{still_running_after, within_limit};
use listings::block_on::block_on;
use listings::own_futures::blocking::{BlockingSleep, ticks_during};
use listings::own_futures::first_waker::{Flag, WaitForFlag};

/// Polls `wait` once with a waker nobody listens to, then runs it under
/// `block_on` while another thread raises the flag.
fn first_poll_elsewhere(flag: &Flag, wait: WaitForFlag) {
    let mut wait = pin!(wait);
    assert!(wait.as_mut().poll(&mut Context::from_waker(Waker::noop())).is_pending());
    let raiser = flag.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        raiser.raise();
    });
    block_on(wait);
}

#[test]
fn a_future_that_keeps_its_first_waker_hangs_once_it_changes_runner() {
    still_running_after(Duration::from_secs(1), "wait_keeping_first_waker", || {
        let flag = Flag::default();
        first_poll_elsewhere(&flag, flag.wait_keeping_first_waker());
    });
}

#[test]
fn a_future_that_keeps_the_latest_waker_finishes_under_its_new_runner() {
    within_limit("wait", || {
        let flag = Flag::default();
        first_poll_elsewhere(&flag, flag.wait());
    });
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
    still_running_after(Duration::from_secs(1), "ForgetsToWake", || {
        block_on(ForgetsToWake { polled: false })
    });
}

use common::on_current_thread as current_thread;

#[test]
fn a_future_that_blocks_in_poll_starves_the_other_tasks_of_its_thread() {
    let wait = Duration::from_millis(300);
    let blocked = within_limit("blocking", move || {
        current_thread(ticks_during(BlockingSleep { duration: wait }))
    });
    assert_eq!(blocked, 0, "the ticker ran while poll was blocking");
}

#[test]
fn a_future_that_waits_without_blocking_lets_the_other_tasks_run() {
    let wait = Duration::from_millis(300);
    let ticks = within_limit("sleeping", move || {
        current_thread(async move { ticks_during(tokio::time::sleep(wait)).await })
    });
    println!("ticks during a 300 ms tokio::time::sleep: {ticks}");
    // About 30 on an idle machine; far fewer on a loaded one, but never 0.
    assert!(ticks >= 3, "only {ticks} ticks of 10 ms in 300 ms");
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
