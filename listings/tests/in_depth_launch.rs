//! Chapter 22: the hand-written `Launch` behaves like the `async fn launch`.

use std::future::Future;
use std::mem;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::in_depth::launch::{COUNTDOWN, Launch, launch};

mod common;
use common::within_limit;

#[test]
fn both_versions_log_the_same_steps_and_return_the_same_value() {
    let (async_log, async_result, hand_log, hand_result) =
        within_limit("both launches", || {
            let mut async_log = Vec::new();
            let async_result = block_on(launch(&mut async_log));
            let mut hand_log = Vec::new();
            let hand_result = block_on(Launch::new(&mut hand_log));
            (async_log, async_result, hand_log, hand_result)
        });
    assert_eq!(async_log, ["fuelling", "liftoff"]);
    assert_eq!(async_log, hand_log);
    assert_eq!(async_result, hand_result);
}

#[test]
fn both_versions_stop_at_the_await_on_their_first_poll() {
    let mut cx = Context::from_waker(Waker::noop());

    let mut async_log = Vec::new();
    {
        let mut by_compiler = pin!(launch(&mut async_log));
        assert_eq!(by_compiler.as_mut().poll(&mut cx), Poll::Pending);
    }

    let mut hand_log = Vec::new();
    let mut by_hand = Launch::new(&mut hand_log);
    assert_eq!(Pin::new(&mut by_hand).poll(&mut cx), Poll::Pending);
    drop(by_hand);

    assert_eq!(async_log, ["fuelling"], "only the code before the await ran");
    assert_eq!(hand_log, async_log);
}

#[test]
fn both_state_machines_hold_an_alarm_and_more() {
    let mut log = Vec::new();
    let compiler_size = mem::size_of_val(&launch(&mut log));
    let hand_size = mem::size_of_val(&Launch::new(&mut log));
    assert!(compiler_size > mem::size_of::<Alarm>());
    assert!(hand_size > mem::size_of::<Alarm>());
    // The tag of the hand-written enum takes no room of its own.
    assert_eq!(hand_size, mem::size_of::<Alarm>() + mem::size_of::<&mut Vec<&str>>());
}

#[test]
#[should_panic(expected = "Launch polled after it finished")]
fn the_hand_written_machine_panics_when_polled_after_it_finished() {
    let mut log = Vec::new();
    let mut by_hand = Launch::new(&mut log);
    while Pin::new(&mut by_hand)
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending()
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = Pin::new(&mut by_hand).poll(&mut Context::from_waker(Waker::noop()));
}

/// The same shape as `launch`, except that `log` is not used after the await.
async fn log_only_before(log: &mut Vec<&'static str>) {
    log.push("fuelling");
    Alarm::after(COUNTDOWN).await;
}

/// The same shape as `launch`, with no argument at all.
async fn no_log() {
    Alarm::after(COUNTDOWN).await;
}

#[test]
fn the_compiler_keeps_the_argument_apart_from_the_local_that_crosses_the_await() {
    let mut log = Vec::new();
    let alarm = mem::size_of::<Alarm>();
    let reference = mem::size_of::<&mut Vec<&str>>();
    // No argument: the alarm and a tag, rounded up to the alignment.
    assert_eq!(mem::size_of_val(&no_log()), alarm + 8);
    // An argument used only before the await: one more slot for it.
    assert_eq!(mem::size_of_val(&log_only_before(&mut log)), alarm + reference + 8);
    // Used after the await too: a second slot, for the copy that lives across it.
    assert_eq!(mem::size_of_val(&launch(&mut log)), alarm + 2 * reference + 8);
}

#[test]
#[should_panic(expected = "`async fn` resumed after completion")]
fn the_async_fn_panics_when_polled_after_it_finished() {
    let mut log = Vec::new();
    let mut future = pin!(launch(&mut log));
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    while future.as_mut().poll(&mut cx).is_pending() {
        std::thread::sleep(COUNTDOWN / 10);
    }
    let _ = future.as_mut().poll(&mut cx);
}
