//! Chapter 29: one structure for the deadlines of every sleep, owned by the
//! runtime; the driver parks with the earliest deadline as its timeout, then
//! wakes the sleeps whose deadline has passed.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use std::io;

use listings::engine::reactor::{Park, Parked};

// ANCHOR: timers
/// A timer's place in the table: its deadline first, so that the table is
/// sorted by deadline, and a number that tells equal deadlines apart.
pub type TimerKey = (Instant, u64);

/// Every pending timer of one runtime, sorted by deadline.
#[derive(Default)]
pub struct Timers {
    entries: BTreeMap<TimerKey, Waker>,
    next_id: u64,
    /// The most entries the table has held at once.
    most: usize,
}

impl Timers {
    /// Adds a timer, and returns the key to find it by.
    pub fn insert(&mut self, deadline: Instant, waker: Waker) -> TimerKey {
        let key = (deadline, self.next_id);
        self.next_id += 1;
        self.entries.insert(key, waker);
        self.most = self.most.max(self.entries.len());
        key
    }

    /// Removes a timer before it fires, and gives back its waker; `None` if
    /// it is not there (it fired).
    pub fn remove(&mut self, key: TimerKey) -> Option<Waker> {
        self.entries.remove(&key)
    }

    /// The earliest deadline, if any timer is pending.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.entries.first_key_value().map(|(&(deadline, _), _)| deadline)
    }

    /// Takes out every timer whose deadline is at or before `now`, earliest
    /// first, and returns their wakers.
    pub fn expired(&mut self, now: Instant) -> Vec<Waker> {
        let mut wakers = Vec::new();
        while let Some(entry) = self.entries.first_entry() {
            if entry.key().0 > now {
                break;
            }
            wakers.push(entry.remove());
        }
        wakers
    }
}
// ANCHOR_END: timers

impl Timers {
    /// Replaces a pending timer's waker; false if the timer is not there.
    fn update(&mut self, key: TimerKey, waker: &Waker) -> bool {
        match self.entries.get_mut(&key) {
            Some(stored) => {
                stored.clone_from(waker);
                true
            }
            None => false,
        }
    }
}

// ANCHOR: time_handle
/// The timers, shared by the runtime's handle (sleeps register through it)
/// and its driver (which fires them).
#[derive(Default)]
pub struct TimeHandle {
    timers: Mutex<Timers>,
}

impl TimeHandle {
    /// How long the driver may block before the earliest deadline: `None`
    /// if no timer is pending, zero if one is already due.
    pub fn until_next_deadline(&self, now: Instant) -> Option<Duration> {
        let next = self.timers.lock().unwrap().next_deadline()?;
        Some(next.saturating_duration_since(now))
    }

    /// Wakes every timer whose deadline is at or before `now`. The wakers run
    /// after the lock is released. Returns how many fired.
    pub fn fire_expired(&self, now: Instant) -> usize {
        let wakers = self.timers.lock().unwrap().expired(now);
        let fired = wakers.len();
        wakers.into_iter().for_each(Waker::wake);
        fired
    }
}
// ANCHOR_END: time_handle

impl TimeHandle {
    /// How many timers are pending now.
    pub fn pending(&self) -> usize {
        self.timers.lock().unwrap().entries.len()
    }

    /// The most timers that were pending at once.
    pub fn most_pending(&self) -> usize {
        self.timers.lock().unwrap().most
    }

    /// The earliest pending deadline.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.timers.lock().unwrap().next_deadline()
    }
}

// ANCHOR: driver
/// The timers wrapped around an inner driver (the reactor), the way Tokio's
/// time driver wraps its I/O driver.
pub struct TimeDriver<P> {
    inner: P,
    time: Arc<TimeHandle>,
}

impl<P: Park> TimeDriver<P> {
    /// Wraps `inner`; sleeps register in `time`.
    pub fn new(inner: P, time: Arc<TimeHandle>) -> TimeDriver<P> {
        TimeDriver { inner, time }
    }
}

impl<P: Park> Park for TimeDriver<P> {
    /// Parks the inner driver until the earliest deadline at the latest,
    /// then fires every timer that is due.
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked> {
        let until_deadline = self.time.until_next_deadline(Instant::now());
        let timeout = match (timeout, until_deadline) {
            (Some(limit), Some(deadline)) => Some(limit.min(deadline)),
            (limit, deadline) => limit.or(deadline),
        };
        let mut parked = self.inner.park(timeout)?;
        parked.fired += self.time.fire_expired(Instant::now());
        Ok(parked)
    }
}
// ANCHOR_END: driver

// ANCHOR: sleep
/// A future that finishes once its deadline has passed.
pub struct Sleep {
    time: Arc<TimeHandle>,
    deadline: Instant,
    /// Set once the sleep has put its timer in the table.
    key: Option<TimerKey>,
}

/// What a sleep needs of a runtime handle: its timers.
pub trait HasTimers {
    /// The timers of the runtime.
    fn timers(&self) -> &Arc<TimeHandle>;
}

/// Sleeps for `duration`, counted from now, on `handle`'s timers.
pub fn sleep(handle: &impl HasTimers, duration: Duration) -> Sleep {
    sleep_until(handle, Instant::now() + duration)
}

/// Sleeps until `deadline`, on `handle`'s timers.
pub fn sleep_until(handle: &impl HasTimers, deadline: Instant) -> Sleep {
    Sleep { time: Arc::clone(handle.timers()), deadline, key: None }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            self.cancel();
            return Poll::Ready(());
        }
        let mut timers = self.time.timers.lock().unwrap();
        match self.key {
            Some(key) if timers.update(key, cx.waker()) => {}
            // First poll, or a poll after the timer was fired early (only a
            // test that fires by a clock of its own can do that): register.
            _ => {
                let key = timers.insert(self.deadline, cx.waker().clone());
                drop(timers);
                self.key = Some(key);
            }
        }
        Poll::Pending
    }
}
// ANCHOR_END: sleep

// ANCHOR: drop
impl Sleep {
    /// Takes this sleep's timer out of the table, if it is still there.
    fn cancel(&mut self) {
        if let Some(key) = self.key.take() {
            let waker = self.time.timers.lock().unwrap().remove(key);
            drop(waker); // after the lock: it may be the last handle to a task
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.cancel(); // a dropped sleep leaves no entry behind
    }
}
// ANCHOR_END: drop

impl Sleep {
    /// The instant this sleep is waiting for.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }
}

// ANCHOR: threads
/// How many threads this process has now, as Linux counts them: the
/// `Threads:` line of `/proc/self/status`.
pub fn threads_in_process() -> io::Result<usize> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .and_then(|count| count.trim().parse().ok())
        .ok_or_else(|| io::Error::other("no Threads: line in /proc/self/status"))
}
// ANCHOR_END: threads
