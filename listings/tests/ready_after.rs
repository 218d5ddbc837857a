//! The claims of chapter 12 about futures that are ready after N polls.

mod common;

use std::time::{Duration, Instant};

use common::{counting_waker, on_current_thread, still_running_after, within_limit};
use listings::own_futures::blocking::ticks_during;
use listings::own_futures::busy_deadline::busy_sleep;
use listings::own_futures::parked_time::measure;
use listings::own_futures::ready_after::ReadyAfter;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};

// What `#[tokio::main]` does: a multi-thread runtime that blocks on `main`.
use common::on_multi_thread as tokio_main;

#[test]
fn a_bare_pending_is_never_polled_again_under_tokio_main() {
    still_running_after(Duration::from_secs(2), "not_waking(2) under Tokio", || {
        tokio_main(ReadyAfter::not_waking(2))
    });
}

#[test]
fn a_bare_pending_is_never_polled_again_under_a_current_thread_runtime() {
    still_running_after(
        Duration::from_secs(2),
        "not_waking(2), current thread",
        || on_current_thread(ReadyAfter::not_waking(2)),
    );
}

#[test]
fn not_waking_asks_for_no_wake_and_waking_asks_for_one_per_pending() {
    for (future, expected_wakes) in
        [(ReadyAfter::not_waking(3), 0), (ReadyAfter::waking(3), 2)]
    {
        let (counter, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        assert!(future.as_mut().poll(&mut cx).is_pending());
        assert!(future.as_mut().poll(&mut cx).is_pending());
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(3));
        assert_eq!(counter.count(), expected_wakes);
    }
}

#[test]
fn a_timeout_polls_the_inner_future_again_when_its_deadline_fires() {
    let limit = Duration::from_millis(200);
    let (two, three, waited) = within_limit("timeouts", move || {
        tokio_main(async move {
            let start = Instant::now();
            let two = tokio::time::timeout(limit, ReadyAfter::not_waking(2)).await;
            let three = tokio::time::timeout(limit, ReadyAfter::not_waking(3)).await;
            (two, three.is_err(), start.elapsed())
        })
    });
    assert_eq!(two, Ok(2), "the timer's wake-up gave it its second poll");
    assert!(three, "two polls are not enough for not_waking(3): it times out");
    assert!(waited >= 2 * limit, "each one waited for the timeout's deadline");
}

#[test]
fn waking_before_pending_completes_under_tokio_main() {
    let polls =
        within_limit("waking(3) under Tokio", || tokio_main(ReadyAfter::waking(3)));
    assert_eq!(polls, 3);
}

#[test]
fn waking_itself_costs_many_polls_and_keeps_the_thread_awake() {
    let wait = Duration::from_millis(200);
    let busy = within_limit("busy_sleep", move || measure(|| busy_sleep(wait)));
    let woken =
        within_limit("tokio sleep", move || measure(|| tokio::time::sleep(wait)));
    println!("busy_sleep: {busy:?}\ntokio::time::sleep: {woken:?}");
    assert!(busy.polls > 1000, "busy_sleep polled only {} times", busy.polls);
    assert!(busy.asleep_percent < 50, "busy_sleep let the thread sleep");
    assert_eq!(woken.polls, 2, "one poll to start, one after the deadline");
    assert!(woken.asleep_percent >= 50, "the thread stayed awake: {woken:?}");
}

#[test]
fn a_self_waking_future_still_lets_other_tasks_of_its_thread_run() {
    let ticks = within_limit("busy_sleep beside a ticker", || {
        on_current_thread(async {
            ticks_during(busy_sleep(Duration::from_millis(300))).await
        })
    });
    assert!(ticks > 0, "the ticker never ran beside busy_sleep");
}
