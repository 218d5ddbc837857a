//! The claims of chapter 13 about the thread-backed timer, and of the
//! "The real one" section that puts it beside `tokio::time::sleep`.

mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Waker};
use std::time::{Duration, Instant};

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::own_futures::thread_timer::thread_timer;
use listings::poll_count::counting_polls;

/// Every claim here is "at least this long", which holds at any length.
const WAIT: Duration = Duration::from_millis(20);

#[tokio::test]
async fn under_tokio_it_is_polled_twice_and_takes_its_duration() {
    let polls = Cell::new(0);
    let start = Instant::now();
    counting_polls(thread_timer(WAIT), &polls).await;
    assert!(start.elapsed() >= WAIT);
    assert_eq!(polls.get(), 2, "one poll to start, one after the wake");
}

#[tokio::test]
async fn tokio_sleep_is_polled_twice_and_takes_its_duration_too() {
    let polls = Cell::new(0);
    let start = Instant::now();
    counting_polls(tokio::time::sleep(WAIT), &polls).await;
    assert!(start.elapsed() >= WAIT);
    assert_eq!(polls.get(), 2);
}

#[test]
fn the_same_timer_runs_under_part_one_block_on() {
    within_limit("thread_timer under block_on", || block_on(thread_timer(WAIT)));
}

#[test]
fn two_timers_joined_are_both_started_by_the_first_poll() {
    let took = within_limit("joined timers", || {
        let (first, second) = (Cell::new(0), Cell::new(0));
        let start = Instant::now();
        let mut joined = pin!(async {
            futures::join!(
                counting_polls(thread_timer(WAIT * 2), &first),
                counting_polls(thread_timer(WAIT * 2), &second),
            )
        });
        // One poll of the join starts both threads: they sleep side by side.
        let mut cx = Context::from_waker(Waker::noop());
        let _ = joined.as_mut().poll(&mut cx);
        assert_eq!((first.get(), second.get()), (1, 1));
        block_on(joined);
        start.elapsed()
    });
    assert!(took >= WAIT * 2, "took {took:?}");
}

#[test]
fn it_wakes_the_waker_of_its_most_recent_poll() {
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    // Long enough that the thread cannot fire between the two polls.
    let mut timer = pin!(thread_timer(Duration::from_secs(3600)));
    assert!(timer.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
    // Ours, the waker's, and the clone the timer keeps for its thread.
    assert_eq!(Arc::strong_count(&first), 3);
    assert!(timer.as_mut().poll(&mut Context::from_waker(&second_waker)).is_pending());
    // The second poll replaced the clone: only the latest waker is kept.
    assert_eq!(Arc::strong_count(&first), 2, "the stale waker is still kept");
    assert_eq!(Arc::strong_count(&second), 3, "the latest waker was not kept");
}
