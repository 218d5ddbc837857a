//! Chapter 22: the hand-written `Launch` behaves like the `async fn launch`.

use std::future::Future;
use std::mem;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::in_depth::launch::{Launch, launch};

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
