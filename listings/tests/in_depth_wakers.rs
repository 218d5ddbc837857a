//! Chapter 24: how often each delay is polled, which waker each one wakes,
//! and the hang of the alarm that keeps its first waker.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};
use std::thread;
use std::time::Duration;

use listings::block_on::block_on;
use listings::in_depth::alarm::{Alarm, StickyAlarm};
use listings::in_depth::handover::hand_over;
use listings::in_depth::notify_alarm::notify_alarm;
use listings::in_depth::trace::Trace;
use listings::own_futures::busy_deadline::busy_sleep;
use listings::poll_count::counting_polls;

mod common;
use common::{counting_waker, still_running_after, within_limit};

const WAIT: Duration = Duration::from_millis(100);

#[test]
fn a_self_waking_delay_is_polled_many_times_and_alarm_twice() {
    let (busy, alarm) = within_limit("both delays", || {
        let busy = Cell::new(0);
        block_on(counting_polls(busy_sleep(WAIT), &busy));
        let alarm = Cell::new(0);
        block_on(counting_polls(Alarm::after(WAIT), &alarm));
        (busy.get(), alarm.get())
    });
    assert!(busy > 100, "BusyDeadline was polled only {busy} times in {WAIT:?}");
    assert_eq!(alarm, 2);
}

#[test]
fn notify_alarm_is_polled_twice() {
    let polls = within_limit("notify_alarm", || {
        let polls = Cell::new(0);
        block_on(counting_polls(notify_alarm(WAIT), &polls));
        polls.get()
    });
    assert_eq!(polls, 2);
}

#[test]
fn alarm_wakes_once_at_the_deadline_and_not_before() {
    let (wakes, waker) = counting_waker();
    let mut alarm = Alarm::after(Duration::from_millis(300));
    let mut cx = Context::from_waker(&waker);
    assert!(Pin::new(&mut alarm).poll(&mut cx).is_pending());
    thread::sleep(Duration::from_millis(50));
    assert_eq!(wakes.count(), 0, "woken before the deadline");
    within_limit("waiting for the wake", move || {
        while wakes.count() == 0 {
            thread::sleep(Duration::from_millis(10));
        }
        thread::sleep(Duration::from_millis(50));
        assert_eq!(wakes.count(), 1);
    });
    assert!(Pin::new(&mut alarm).poll(&mut cx).is_ready());
}

#[test]
fn alarm_wakes_the_waker_of_its_latest_poll() {
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    let mut alarm = Alarm::after(Duration::from_millis(50));
    assert!(
        Pin::new(&mut alarm).poll(&mut Context::from_waker(&first_waker)).is_pending()
    );
    assert!(
        Pin::new(&mut alarm).poll(&mut Context::from_waker(&second_waker)).is_pending()
    );
    within_limit("the second waker's wake", move || {
        while second.count() == 0 {
            thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(first.count(), 0, "the stale waker was woken");
    });
}

#[test]
fn alarm_clones_a_waker_only_when_it_changes() {
    struct Idle;
    impl Wake for Idle {
        fn wake(self: Arc<Self>) {}
    }
    let a = Waker::from(Arc::new(Idle));
    let b = Waker::from(Arc::new(Idle));
    let mut alarm = Alarm::after(Duration::from_secs(60));
    for waker in [&a, &a, &a, &b, &b, &a] {
        assert!(
            Pin::new(&mut alarm).poll(&mut Context::from_waker(waker)).is_pending()
        );
    }
    assert_eq!(alarm.waker_clones(), 3);
}

#[test]
fn a_handed_over_alarm_finishes() {
    let polls = within_limit("Alarm handed over", || {
        hand_over(Alarm::after(WAIT), &Trace::default())
    });
    assert_eq!(polls, 4);
}

#[test]
fn a_handed_over_notify_alarm_finishes() {
    let polls = within_limit("notify_alarm handed over", || {
        hand_over(notify_alarm(WAIT), &Trace::default())
    });
    assert_eq!(polls, 4);
}

#[test]
fn a_handed_over_sticky_alarm_hangs() {
    still_running_after(Duration::from_secs(2), "StickyAlarm handed over", || {
        hand_over(StickyAlarm::after(WAIT), &Trace::default())
    });
}
