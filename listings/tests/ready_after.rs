//! The claims of chapter 12 about futures that are ready after N polls.

mod common;

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use common::{counting_waker, within_limit};
use listings::own_futures::busy_deadline::busy_sleep;
use listings::own_futures::parked_time::measure;
use listings::own_futures::ready_after::ReadyAfter;
use tokio::time::Instant;
use tokio_test::task;

// What `#[tokio::main]` does: a multi-thread runtime that blocks on `main`.
use common::on_multi_thread as tokio_main;

#[test]
fn a_bare_pending_leaves_no_one_able_to_wake_the_task() {
    let mut task = task::spawn(ReadyAfter::not_waking(2));
    assert!(task.poll().is_pending());
    assert!(!task.is_woken(), "not_waking(2) woke its task");
    // Only the task holds its waker: no clone exists that could ever wake it.
    assert_eq!(task.waker_ref_count(), 1, "not_waking(2) kept a clone of the waker");
}

/// Wraps `future` so that every poll adds one to the returned counter.
fn counted<F: Future + Unpin>(
    mut future: F,
) -> (Arc<AtomicU32>, impl Future<Output = F::Output>) {
    let polls = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&polls);
    let counted = poll_fn(move |cx| {
        counter.fetch_add(1, Ordering::SeqCst);
        Pin::new(&mut future).poll(cx)
    });
    (polls, counted)
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_bare_pending_is_never_polled_again_under_tokio() {
    let (polls, future) = counted(ReadyAfter::not_waking(2));
    let task = tokio::spawn(future);
    // A paused clock moves on only when the runtime has nothing left to run,
    // so this hour passes only while the task sits unpolled.
    tokio::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(polls.load(Ordering::SeqCst), 1, "Tokio polled it again");
    assert!(!task.is_finished());
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

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_timeout_polls_the_inner_future_again_when_its_deadline_fires() {
    let limit = Duration::from_millis(200);
    let start = Instant::now();
    let two = tokio::time::timeout(limit, ReadyAfter::not_waking(2)).await;
    let after_two = start.elapsed();
    let three = tokio::time::timeout(limit, ReadyAfter::not_waking(3)).await;
    assert_eq!(two, Ok(2), "the timer's wake-up gave it its second poll");
    assert!(after_two >= limit, "not_waking(2) was ready before the deadline");
    assert!(three.is_err(), "two polls are not enough for not_waking(3)");
    assert!(start.elapsed() >= 2 * limit, "each one waited for its deadline");
}

#[test]
fn waking_before_pending_completes_under_tokio_main() {
    let polls =
        within_limit("waking(3) under Tokio", || tokio_main(ReadyAfter::waking(3)));
    assert_eq!(polls, 3);
}

#[test]
fn waking_itself_keeps_the_thread_awake_and_a_timer_lets_it_sleep() {
    let wait = Duration::from_millis(100);
    let busy = within_limit("busy_sleep", move || measure(|| busy_sleep(wait)));
    let woken =
        within_limit("tokio sleep", move || measure(|| tokio::time::sleep(wait)));
    // The counts of polls and the time asleep depend on the machine; print them.
    println!("busy_sleep: {busy:?}\ntokio::time::sleep: {woken:?}");
    // Whether the thread went to sleep does not: busy_sleep always leaves its
    // task woken, and Tokio parks its thread only when no task is.
    assert_eq!(busy.parks, 0, "the runtime's thread slept beside busy_sleep");
    assert!(busy.polls >= 1);
    assert_eq!(woken.polls, 2, "one poll to start, one after the deadline");
    assert!(woken.parks >= 1, "the thread never slept beside tokio::time::sleep");
}

#[test]
fn a_self_waking_future_still_lets_other_tasks_of_its_thread_run() {
    // Ready only once the ticker has ticked three times: if the runtime gave
    // the other task no turn between its polls, this would never finish.
    let ticks = within_limit("a self-waking future beside a ticker", || {
        common::on_current_thread(async {
            let ticks = Arc::new(AtomicU32::new(0));
            let seen = Arc::clone(&ticks);
            let ticker = tokio::spawn(async move {
                loop {
                    seen.fetch_add(1, Ordering::SeqCst);
                    tokio::task::yield_now().await;
                }
            });
            poll_fn(|cx| {
                if ticks.load(Ordering::SeqCst) >= 3 {
                    return Poll::Ready(());
                }
                cx.waker().wake_by_ref(); // like busy_sleep: poll me again
                Poll::Pending
            })
            .await;
            ticker.abort();
            ticks.load(Ordering::SeqCst)
        })
    });
    assert!(ticks >= 3);
}
