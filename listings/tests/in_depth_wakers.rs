//! Chapter 24: how often each delay is polled, which waker each one wakes,
//! and the hang of the alarm that keeps its first waker.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

use listings::block_on::block_on;
use listings::in_depth::alarm::{Alarm, StickyAlarm, Until, cord};
use listings::in_depth::handover::hand_over;
use listings::in_depth::notify_alarm::notify_alarm;
use listings::in_depth::trace::Trace;
use listings::own_futures::busy_deadline::busy_sleep;
use listings::poll_count::counting_polls;
use tokio_test::task;

mod common;
use common::{CountingWaker, counting_waker, within_limit};

/// Waits, a few milliseconds at a time and at most LIMIT, until `done`.
fn wait_for(what: &'static str, done: impl Fn() -> bool + Send + 'static) {
    within_limit(what, move || {
        while !done() {
            thread::sleep(Duration::from_millis(1));
        }
    });
}

/// Waits until nothing but the test holds `waker`'s counter: then nobody
/// is left who could ever wake it.
fn wait_until_only_the_test_holds(counter: &Arc<CountingWaker>) {
    let counter = Arc::clone(counter);
    wait_for("the other clones of a waker to be dropped", move || {
        Arc::strong_count(&counter) == 2 // the test's, and this closure's
    });
}

#[test]
fn a_self_waking_delay_wakes_itself_on_every_poll() {
    let mut busy = task::spawn(busy_sleep(Duration::from_secs(60)));
    for _ in 0..5 {
        assert!(busy.poll().is_pending());
        assert!(busy.is_woken(), "BusyDeadline answered Pending without waking");
    }
}

#[test]
fn alarm_is_polled_twice_under_block_on() {
    // The first poll always answers Pending and starts the thread; the
    // thread's one wake brings the second poll, which finds the bell rung.
    let polls = within_limit("Alarm under block_on", || {
        let polls = Cell::new(0);
        block_on(counting_polls(Alarm::after(Duration::from_millis(20)), &polls));
        polls.get()
    });
    assert_eq!(polls, 2);
}

#[test]
fn an_alarm_is_not_woken_before_it_is_polled_and_rung() {
    let (until, pull) = cord();
    let mut alarm = task::spawn(Alarm::new(until));
    assert!(alarm.poll().is_pending());
    assert!(!alarm.is_woken());
    assert_eq!(alarm.waker_ref_count(), 2, "the bell holds one clone");
    pull.pull();
    let start = Instant::now();
    while !alarm.is_woken() {
        assert!(
            start.elapsed() < common::LIMIT,
            "the pulled alarm never woke its task"
        );
        thread::sleep(Duration::from_millis(1));
    }
    assert!(alarm.poll().is_ready());
}

#[test]
fn notify_alarm_is_polled_twice() {
    let (until, pull) = cord();
    let mut alarm = task::spawn(notify_alarm(until));
    assert!(alarm.poll().is_pending(), "first poll");
    assert!(!alarm.is_woken());
    pull.pull();
    let start = Instant::now();
    while !alarm.is_woken() {
        assert!(start.elapsed() < common::LIMIT, "the notify never woke its task");
        thread::sleep(Duration::from_millis(1));
    }
    assert!(alarm.poll().is_ready(), "second poll");
}

/// A waker that records when it was first woken.
#[derive(Default)]
struct WhenWoken(Mutex<Option<Instant>>);

impl Wake for WhenWoken {
    fn wake(self: Arc<Self>) {
        self.0.lock().unwrap().get_or_insert_with(Instant::now);
    }
}

#[test]
fn alarm_wakes_once_and_not_before_the_deadline() {
    let delay = Duration::from_millis(30);
    let (wakes, waker) = counting_waker();
    let when = Arc::new(WhenWoken::default());
    let deadline = Instant::now() + delay;
    let mut alarm = Alarm::new(Until::Deadline(deadline));
    let both = Waker::from(Arc::new(Both(waker, Waker::from(Arc::clone(&when)))));
    assert!(Pin::new(&mut alarm).poll(&mut Context::from_waker(&both)).is_pending());
    drop(both);
    let counter = Arc::clone(&wakes);
    wait_for("the alarm's wake", move || counter.count() > 0);
    let woken_at = when.0.lock().unwrap().expect("woken");
    assert!(
        woken_at >= deadline,
        "woken {:?} before the deadline",
        deadline - woken_at
    );
    assert!(
        Pin::new(&mut alarm).poll(&mut Context::from_waker(Waker::noop())).is_ready()
    );
    drop(alarm);
    wait_until_only_the_test_holds(&wakes);
    assert_eq!(wakes.count(), 1, "woken more than once");
}

/// Wakes two wakers.
struct Both(Waker, Waker);

impl Wake for Both {
    fn wake(self: Arc<Self>) {
        self.0.wake_by_ref();
        self.1.wake_by_ref();
    }
}

#[test]
fn alarm_wakes_the_waker_of_its_latest_poll() {
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    let (until, pull) = cord();
    let mut alarm = Alarm::new(until);
    assert!(
        Pin::new(&mut alarm).poll(&mut Context::from_waker(&first_waker)).is_pending()
    );
    assert!(
        Pin::new(&mut alarm).poll(&mut Context::from_waker(&second_waker)).is_pending()
    );
    drop((first_waker, second_waker));
    pull.pull();
    let counter = Arc::clone(&second);
    wait_for("the second waker's wake", move || counter.count() > 0);
    drop(alarm);
    wait_until_only_the_test_holds(&first);
    assert_eq!(first.count(), 0, "the stale waker was woken");
}

#[test]
fn sticky_alarm_wakes_the_first_waker_and_leaves_the_second_task_unwakeable() {
    let (first, first_waker) = counting_waker();
    let (until, pull) = cord();
    let mut sticky = StickyAlarm::new(until);
    assert!(
        Pin::new(&mut sticky).poll(&mut Context::from_waker(&first_waker)).is_pending()
    );
    drop(first_waker);
    let mut second = task::spawn(sticky);
    assert!(second.poll().is_pending());
    pull.pull();
    let counter = Arc::clone(&first);
    wait_for("the first waker's wake", move || counter.count() > 0);
    // The bell has rung, for the first waker. Nobody but the second task
    // itself holds its waker, so nothing will ever wake it.
    assert!(!second.is_woken());
    assert_eq!(second.waker_ref_count(), 1);
}

#[test]
fn alarm_clones_a_waker_only_when_it_changes() {
    struct Idle;
    impl Wake for Idle {
        fn wake(self: Arc<Self>) {}
    }
    let a = Waker::from(Arc::new(Idle));
    let b = Waker::from(Arc::new(Idle));
    let (until, _pull) = cord(); // never pulled: always Pending
    let mut alarm = Alarm::new(until);
    for waker in [&a, &a, &a, &b, &b, &a] {
        assert!(
            Pin::new(&mut alarm).poll(&mut Context::from_waker(waker)).is_pending()
        );
    }
    assert_eq!(alarm.waker_clones(), 3);
}

#[test]
fn a_handed_over_alarm_finishes_in_four_polls() {
    for _ in 0..20 {
        let polls = within_limit("Alarm handed over", || {
            let (until, pull) = cord();
            hand_over(Alarm::new(until), pull, &Trace::default())
        });
        assert_eq!(polls, 4);
    }
}

#[test]
fn a_handed_over_notify_alarm_finishes_in_four_polls() {
    for _ in 0..20 {
        let polls = within_limit("notify_alarm handed over", || {
            let (until, pull) = cord();
            hand_over(notify_alarm(until), pull, &Trace::default())
        });
        assert_eq!(polls, 4);
    }
}
