//! The claims chapter 6 makes about Tokio's runtime and the `futures`
//! crate's `block_on`, beside Part I's own `block_on`.

use std::cell::Cell;
use std::future::poll_fn;
use std::panic::{self, AssertUnwindSafe};
use std::task::Poll;
use std::time::Duration;

use listings::block_on::block_on;

fn runtime_as_in_listing_6_1() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
}

#[test]
fn the_runtime_of_listing_6_1_has_no_timer() {
    let runtime = runtime_as_in_listing_6_1();
    let slept = panic::catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(async { tokio::time::sleep(Duration::from_millis(1)).await })
    }));
    let message = slept.expect_err("a sleep without a timer should panic");
    let message = message
        .downcast_ref::<&str>()
        .map(|m| m.to_string())
        .or_else(|| message.downcast_ref::<String>().cloned())
        .unwrap();
    assert!(message.contains("timers are disabled"), "{message}");
}

#[test]
fn with_enable_time_the_same_runtime_sleeps() {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    runtime.block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
}

#[test]
fn the_future_given_to_block_on_is_not_a_task() {
    let runtime = runtime_as_in_listing_6_1();
    let (outside, inside) = runtime.block_on(async {
        let outside = tokio::task::try_id();
        let inside = tokio::spawn(async { tokio::task::try_id() }).await.unwrap();
        (outside, inside)
    });
    assert_eq!(outside, None, "the future of block_on has no task id");
    assert!(inside.is_some(), "a spawned future is a task");
}

#[test]
fn every_block_on_polls_once_for_wakes_that_came_together() {
    // Two wakes before the next poll set a `woken` flag twice: one more poll.
    fn job(polls: &Cell<u32>) -> impl std::future::Future<Output = ()> + '_ {
        poll_fn(move |cx| {
            polls.set(polls.get() + 1);
            if polls.get() == 1 {
                cx.waker().wake_by_ref();
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            Poll::Ready(())
        })
    }
    let polls = Cell::new(0);
    block_on(job(&polls));
    assert_eq!(polls.get(), 2, "listings::block_on::block_on");

    let polls = Cell::new(0);
    futures::executor::block_on(job(&polls));
    assert_eq!(polls.get(), 2, "futures::executor::block_on");

    let polls = Cell::new(0);
    runtime_as_in_listing_6_1().block_on(job(&polls));
    assert_eq!(polls.get(), 2, "tokio's current-thread Runtime::block_on");
}
