//! The claims of chapter 13 about the thread-backed timer, and of the
//! "The real one" section that puts it beside `tokio::time::sleep`.

mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::Context;
use std::time::{Duration, Instant};

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::own_futures::thread_timer::thread_timer;
use listings::poll_count::counting_polls;

const WAIT: Duration = Duration::from_millis(100);

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
fn two_timers_joined_take_about_the_longer_one_not_the_sum() {
    let took = within_limit("joined timers", || {
        block_on(async {
            let start = Instant::now();
            futures::join!(thread_timer(WAIT * 2), thread_timer(WAIT * 2));
            start.elapsed()
        })
    });
    assert!(took >= WAIT * 2 && took < WAIT * 4, "took {took:?}");
}

#[test]
fn it_wakes_the_waker_of_its_most_recent_poll() {
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    let mut timer = pin!(thread_timer(WAIT));
    assert!(timer.as_mut().poll(&mut Context::from_waker(&first_waker)).is_pending());
    assert!(timer.as_mut().poll(&mut Context::from_waker(&second_waker)).is_pending());
    within_limit("the wake", move || {
        while second.count() == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(first.count(), 0, "the stale waker was woken");
    });
}

#[tokio::test]
async fn joined_with_a_shorter_tokio_sleep_it_is_polled_three_times_and_overlaps() {
    let polls = Cell::new(0);
    let start = Instant::now();
    tokio::join!(
        counting_polls(thread_timer(WAIT * 2), &polls),
        tokio::time::sleep(WAIT)
    );
    let took = start.elapsed();
    assert_eq!(polls.get(), 3, "start, the sleep's wake, its own wake");
    assert!(took >= WAIT * 2 && took < WAIT * 3, "took {took:?}");
}
