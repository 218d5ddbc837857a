//! Chapter 29's claims about the timers: one table, the earliest deadline as
//! the park's timeout, sleeps that never finish early, and dropped sleeps
//! that leave no entry. Times are lower bounds only; counts are exact.

mod common;

use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use common::within_limit;
use futures::future::{Either, select};
use listings::engine::net::TcpStream;
use listings::engine::reactor::WakeCount;
use listings::engine::reactor::{Park, Parked};
use listings::engine::readiness::loopback_pair;
use listings::engine::runtime::{Counts, Handle, Runtime};
use listings::engine::timer::{
    Sleep, TimeDriver, TimeHandle, Timers, sleep, sleep_until,
};

const HOUR: Duration = Duration::from_secs(3600);

/// Polls `sleep` once by hand with `waker`.
fn poll_once(sleep: &mut Sleep, waker: &Waker) -> Poll<()> {
    std::pin::Pin::new(sleep).poll(&mut Context::from_waker(waker))
}

#[test]
fn a_sleep_does_not_finish_before_its_deadline_and_costs_two_polls_and_one_park() {
    let (counts, waited) = within_limit("one sleep", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = std::sync::mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let started = Instant::now();
            sleep(&timers, Duration::from_millis(50)).await;
            tx.send(started.elapsed()).unwrap();
        });
        let counts = runtime.run();
        (counts, rx.recv().unwrap())
    });
    assert!(waited >= Duration::from_millis(50), "finished early, after {waited:?}");
    assert_eq!(counts, Counts { polls: 2, parks: 1, events: 0, fired: 1 });
}

#[test]
fn a_sleep_whose_deadline_has_passed_is_ready_at_once_and_registers_nothing() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let mut past = sleep_until(&handle, Instant::now());
    let (wakes, waker) = WakeCount::new();
    assert!(poll_once(&mut past, &waker).is_ready());
    assert_eq!((handle.time().pending(), wakes.get()), (0, 0));
}

#[test]
fn dropping_a_sleep_removes_its_entry() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let (_wakes, waker) = WakeCount::new();
    let never_polled = sleep(&handle, HOUR);
    assert_eq!(handle.time().pending(), 0, "a sleep registers on its first poll");
    let mut first = sleep(&handle, HOUR);
    let mut second = sleep(&handle, HOUR);
    assert!(poll_once(&mut first, &waker).is_pending());
    assert!(poll_once(&mut second, &waker).is_pending());
    assert_eq!(handle.time().pending(), 2);
    drop(first);
    assert_eq!(handle.time().pending(), 1);
    drop(second);
    drop(never_polled);
    assert_eq!(handle.time().pending(), 0);
    assert_eq!(handle.time().next_deadline(), None);
}

#[test]
fn polling_again_keeps_one_entry_and_the_latest_waker() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let (old_wakes, old) = WakeCount::new();
    let (new_wakes, new) = WakeCount::new();
    let mut nap = sleep(&handle, HOUR);
    assert!(poll_once(&mut nap, &old).is_pending());
    assert!(poll_once(&mut nap, &new).is_pending());
    assert_eq!(handle.time().pending(), 1);
    assert_eq!(handle.time().fire_expired(nap.deadline()), 1);
    assert_eq!((old_wakes.get(), new_wakes.get()), (0, 1));
}

/// Firing is by the clock it is given, so this needs no waiting: at the
/// first deadline only the first timer fires, earliest first.
#[test]
fn firing_wakes_only_the_timers_that_are_due() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let now = Instant::now();
    let (one_wakes, one) = WakeCount::new();
    let (two_wakes, two) = WakeCount::new();
    let mut later = sleep_until(&handle, now + 2 * HOUR);
    let mut sooner = sleep_until(&handle, now + HOUR);
    assert!(poll_once(&mut later, &two).is_pending());
    assert!(poll_once(&mut sooner, &one).is_pending());
    assert_eq!(handle.time().next_deadline(), Some(now + HOUR), "the earliest first");

    assert_eq!(handle.time().fire_expired(now + HOUR - Duration::from_nanos(1)), 0);
    assert_eq!(handle.time().fire_expired(now + HOUR), 1);
    assert_eq!((one_wakes.get(), two_wakes.get()), (1, 0));
    assert_eq!(handle.time().next_deadline(), Some(now + 2 * HOUR));
}

/// A driver that records the timeouts it is asked to park with, and
/// returns at once.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Option<Duration>>>>);

impl Park for Recorder {
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked> {
        self.0.lock().unwrap().push(timeout);
        Ok(Parked::default())
    }
}

#[test]
fn the_time_driver_parks_its_inner_driver_until_the_earliest_deadline() {
    let recorder = Recorder::default();
    let no_timers = Arc::new(TimeHandle::default());
    let mut driver = TimeDriver::new(recorder.clone(), no_timers);
    driver.park(None).unwrap();
    driver.park(Some(Duration::ZERO)).unwrap();
    assert_eq!(*recorder.0.lock().unwrap(), [None, Some(Duration::ZERO)], "no timers");

    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let mut driver = TimeDriver::new(recorder.clone(), Arc::clone(handle.time()));
    let (_wakes, waker) = WakeCount::new();
    let t0 = Instant::now();
    let mut hour = sleep_until(&handle, t0 + HOUR);
    let mut half = sleep_until(&handle, t0 + HOUR / 2);
    assert!(poll_once(&mut hour, &waker).is_pending());
    assert!(poll_once(&mut half, &waker).is_pending());
    driver.park(None).unwrap();
    driver.park(Some(Duration::from_secs(1))).unwrap();
    driver.park(Some(Duration::ZERO)).unwrap();
    let elapsed = t0.elapsed();
    let timeouts = recorder.0.lock().unwrap()[2..].to_vec();
    let until_half = timeouts[0].expect("a deadline is pending");
    assert!(
        until_half <= HOUR / 2 && until_half + elapsed >= HOUR / 2,
        "{until_half:?}"
    );
    assert_eq!(timeouts[1..], [Some(Duration::from_secs(1)), Some(Duration::ZERO)]);
}

/// The first deadline is a limit, not an order: the three first polls must
/// all run before it, which they do within microseconds; if a loaded machine
/// stalls them for 100 ms, the test says so instead of miscounting.
#[test]
fn sleeps_finish_in_the_order_of_their_deadlines_not_of_their_spawning() {
    let order = within_limit("three sleeps", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let start = Instant::now();
        let first_deadline = start + Duration::from_millis(100);
        let order = Arc::new(Mutex::new(Vec::new()));
        for ms in [300, 100, 200] {
            let (timers, order) = (handle.clone(), Arc::clone(&order));
            handle.spawn(async move {
                let deadline = start + Duration::from_millis(ms);
                let sleep = sleep_until(&timers, deadline);
                assert!(Instant::now() < first_deadline, "too loaded: first poll late");
                sleep.await;
                assert!(Instant::now() >= deadline, "finished early");
                order.lock().unwrap().push(ms);
            });
        }
        let counts = runtime.run();
        assert_eq!((counts.polls, counts.fired), (6, 3));
        order.lock().unwrap().clone()
    });
    assert_eq!(order, [100, 200, 300]);
}

#[test]
fn the_loser_of_a_race_is_dropped_with_its_entry() {
    let pending = within_limit("the race", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (tx, rx) = std::sync::mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let short = sleep(&timers, Duration::from_millis(20));
            let Either::Left(((), long)) = select(short, sleep(&timers, HOUR)).await
            else {
                panic!("an hour passed first")
            };
            let during = timers.time().pending();
            drop(long);
            tx.send((during, timers.time().pending())).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(pending, (1, 0));
}

#[test]
fn a_deadline_ends_the_wait_for_a_silent_client() {
    let (gave_up, waited, pending) = within_limit("the silent client", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (_silent, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let timers = handle.clone();
        handle.spawn(async move {
            let started = Instant::now();
            let mut buf = [0u8; 8];
            let read = std::pin::pin!(server.read(&mut buf));
            let outcome = select(read, sleep(&timers, Duration::from_millis(50))).await;
            tx.send((matches!(outcome, Either::Right(_)), started.elapsed())).unwrap();
        });
        runtime.run();
        let (gave_up, waited) = rx.recv().unwrap();
        (gave_up, waited, handle.time().pending())
    });
    assert!(gave_up, "the silent client said something");
    assert!(waited >= Duration::from_millis(50));
    assert_eq!(pending, 0);
}

/// Woken before its deadline (here by a clock of the test's own), a sleep
/// asks the real clock, stays `Pending`, and puts its timer back.
#[test]
fn a_sleep_woken_before_its_deadline_stays_pending_and_registers_again() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let (wakes, waker) = WakeCount::new();
    let mut nap = sleep(&handle, HOUR);
    assert!(poll_once(&mut nap, &waker).is_pending());
    assert_eq!(handle.time().fire_expired(nap.deadline()), 1, "fired an hour early");
    assert_eq!((wakes.get(), handle.time().pending()), (1, 0));
    assert!(poll_once(&mut nap, &waker).is_pending(), "the clock says not yet");
    assert_eq!(handle.time().pending(), 1, "registered again");
}

#[test]
fn expired_hands_back_the_wakers_earliest_first() {
    let mut timers = Timers::default();
    let now = Instant::now();
    let wakers: Vec<Waker> = (0..3).map(|_| WakeCount::new().1).collect();
    for (hours, waker) in [3, 1, 2].into_iter().zip(&wakers) {
        timers.insert(now + hours * HOUR, waker.clone());
    }
    timers.insert(now + HOUR, wakers[2].clone()); // the same deadline, inserted later
    let expired = timers.expired(now + 3 * HOUR);
    let order: Vec<usize> = expired
        .iter()
        .map(|woken| wakers.iter().position(|w| w.will_wake(woken)).unwrap())
        .collect();
    assert_eq!(order, [1, 2, 2, 0], "by deadline, then by insertion");
    assert_eq!(timers.next_deadline(), None);
}

/// A waker that asks the timers how many are pending, when woken and when
/// dropped: firing and cancelling must have let go of the table's lock.
struct AsksTheTimers {
    time: Arc<TimeHandle>,
    seen: Arc<Mutex<Vec<&'static str>>>,
}

impl Wake for AsksTheTimers {
    fn wake(self: Arc<Self>) {
        self.time.pending();
        self.seen.lock().unwrap().push("woken");
    }
}

impl Drop for AsksTheTimers {
    fn drop(&mut self) {
        self.time.pending();
        self.seen.lock().unwrap().push("dropped");
    }
}

fn asking_waker(handle: &Handle) -> (Waker, Arc<Mutex<Vec<&'static str>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let waker = Waker::from(Arc::new(AsksTheTimers {
        time: Arc::clone(handle.time()),
        seen: Arc::clone(&seen),
    }));
    (waker, seen)
}

#[test]
fn firing_and_dropping_run_wakers_with_the_table_unlocked() {
    let (fired, dropped) = within_limit("wakers that lock the timers", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();

        let (waker, fired) = asking_waker(&handle);
        let mut due = sleep(&handle, HOUR);
        assert!(poll_once(&mut due, &waker).is_pending());
        drop(waker);
        handle.time().fire_expired(due.deadline()); // deadlocks if it wakes under the lock

        let (waker, dropped) = asking_waker(&handle);
        let mut cancelled = sleep(&handle, HOUR);
        assert!(poll_once(&mut cancelled, &waker).is_pending());
        drop(waker);
        drop(cancelled); // deadlocks if the waker is dropped under the lock
        let fired = fired.lock().unwrap().clone();
        let dropped = dropped.lock().unwrap().clone();
        (fired, dropped)
    });
    assert_eq!(fired, ["woken", "dropped"]);
    assert_eq!(dropped, ["dropped"]);
}

/// An inner driver that, while "blocked", registers a sleep, the way a sleep
/// polled on another thread would, and records each timeout it was given.
struct RegistersDuringPark {
    handle: Handle,
    timeouts: Recorder,
    registered: Option<Sleep>,
}

impl Park for RegistersDuringPark {
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked> {
        self.timeouts.park(timeout)?;
        if self.registered.is_none() {
            let mut soon = sleep(&self.handle, Duration::from_millis(1));
            let (_wakes, waker) = WakeCount::new();
            assert!(poll_once(&mut soon, &waker).is_pending());
            self.registered = Some(soon);
        }
        Ok(Parked::default())
    }
}

/// The driver picks its timeout before it parks: a timer registered during
/// the park does not shorten it, and counts only from the next park.
#[test]
fn a_timer_registered_during_a_park_does_not_shorten_that_park() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let recorder = Recorder::default();
    let inner = RegistersDuringPark {
        handle: handle.clone(),
        timeouts: recorder.clone(),
        registered: None,
    };
    let mut driver = TimeDriver::new(inner, Arc::clone(handle.time()));
    driver.park(None).unwrap();
    driver.park(None).unwrap();
    let timeouts = recorder.0.lock().unwrap().clone();
    assert_eq!(timeouts[0], None, "the first park blocks with no limit");
    assert!(timeouts[1].is_some_and(|t| t <= Duration::from_millis(1)), "{timeouts:?}");
}

/// Ours owns its timer's node in the table, so it can move; Tokio's holds
/// the wheel's node inside itself, so it must be pinned.
#[test]
fn our_sleep_is_unpin_and_tokios_is_not() {
    static_assertions::assert_impl_all!(Sleep: Unpin, Send);
    static_assertions::assert_not_impl_any!(tokio::time::Sleep: Unpin);
}
