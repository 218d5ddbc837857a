//! Part V's mini Tokio (`listings::in_depth::runtime`), grown into a runtime
//! that parks in a driver: a `Handle` that spawns from anywhere, a run queue
//! shared by the handle and the wakers, and a loop that runs every queued
//! task, then blocks in the reactor until an event or a wake from another
//! thread.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::mem;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Wake, Waker};
use std::thread::{self, ThreadId};
use std::time::Duration;

use listings::engine::reactor::{IoHandle, Park, Reactor};
use listings::engine::task::{self, JoinHandle, Notified, Schedule};
use listings::engine::timer::{HasTimers, TimeDriver, TimeHandle};

// ANCHOR: runnable
/// Anything the run loop can queue and run: Part V's `Job` here, a task made
/// by hand in chapter 30.
pub trait Runnable: Send + 'static {
    /// Polls the task once.
    fn run(self) -> Ran;
}

/// What one `run` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ran {
    /// Polled; not finished.
    Pending,
    /// Polled, and finished: one task fewer is alive.
    Finished,
    /// Not polled: it had finished before this wake-up.
    Skipped,
}
// ANCHOR_END: runnable

// ANCHOR: shared
/// What the handle, the wakers and the loop share.
struct Shared<T> {
    queue: Mutex<Queue<T>>,
    /// Spawned tasks that have not finished.
    alive: AtomicUsize,
    io: Arc<IoHandle>,
    time: Arc<TimeHandle>,
    parks: ParkCount,
}

struct Queue<T> {
    tasks: VecDeque<T>,
    /// True while the loop is in (or about to enter) a blocking park.
    parked: bool,
    /// The thread that runs the loop.
    runner: Option<ThreadId>,
}

/// Spawns tasks and reaches the driver, from the loop's thread or any other.
pub struct Handle<T = Arc<Job>> {
    shared: Arc<Shared<T>>,
}
// ANCHOR_END: shared

impl<T> Clone for Handle<T> {
    fn clone(&self) -> Handle<T> {
        Handle { shared: Arc::clone(&self.shared) }
    }
}

// ANCHOR: schedule
impl<T: Runnable> Handle<T> {
    /// Puts `task` on the run queue. If the loop is blocked in its driver
    /// and this is another thread, ends the block with the `mio::Waker`.
    pub fn schedule(&self, task: T) {
        let must_wake = {
            let mut queue = self.shared.queue.lock().unwrap();
            queue.tasks.push_back(task);
            let elsewhere = queue.runner != Some(thread::current().id());
            let must_wake = queue.parked && elsewhere;
            if must_wake {
                queue.parked = false; // one wake is enough
            }
            must_wake
        };
        if must_wake {
            self.shared.io.wake_loop().expect("the reactor's mio::Waker failed");
        }
    }

    /// Counts one more live task and queues it for its first poll.
    pub fn spawn_runnable(&self, task: T) {
        self.shared.alive.fetch_add(1, Ordering::SeqCst);
        self.schedule(task);
    }
}
// ANCHOR_END: schedule

impl<T> Handle<T> {
    /// The reactor's shared half, which sockets register with.
    pub fn io(&self) -> &Arc<IoHandle> {
        &self.shared.io
    }

    /// The timers, which sleeps register with.
    pub fn time(&self) -> &Arc<TimeHandle> {
        &self.shared.time
    }

    /// How many times the loop has begun a blocking park so far.
    pub fn parks(&self) -> usize {
        self.shared.parks.get()
    }

    /// Waits until the loop has begun its `n`th blocking park, or fails with a
    /// message after `limit`. For the chapter's clients, which act only once
    /// the loop is parked, so that what they cause lands in a known park.
    pub fn wait_until_parked(&self, n: usize, limit: Duration) -> io::Result<()> {
        self.shared.parks.wait_for(n, limit)
    }
}

/// Sleeps reach the runtime's timers through its handle.
impl<T> HasTimers for Handle<T> {
    fn timers(&self) -> &Arc<TimeHandle> {
        &self.shared.time
    }
}

// ANCHOR: job
/// A spawned future, boxed so that tasks of different types fit one queue.
type TaskFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Part V's `Job`, with a handle in place of the channel's sender.
pub struct Job {
    /// `None` once the future has finished.
    future: Mutex<Option<TaskFuture>>,
    handle: Handle<Arc<Job>>,
}

impl Wake for Job {
    fn wake(self: Arc<Self>) {
        let handle = self.handle.clone();
        handle.schedule(self);
    }
}

impl Runnable for Arc<Job> {
    fn run(self) -> Ran {
        let mut slot = self.future.lock().unwrap();
        let Some(future) = slot.as_mut() else {
            return Ran::Skipped; // woken after it finished: nothing to do
        };
        let waker = Waker::from(Arc::clone(&self));
        if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
            *slot = None; // drop the finished future now
            return Ran::Finished;
        }
        Ran::Pending
    }
}

impl Handle<Arc<Job>> {
    /// Spawns `future` as a new task, from the loop's thread or any other,
    /// from inside a task too. It first runs when the loop next takes the queue.
    pub fn spawn(&self, future: impl Future<Output = ()> + Send + 'static) {
        let job =
            Job { future: Mutex::new(Some(Box::pin(future))), handle: self.clone() };
        self.spawn_runnable(Arc::new(job));
    }
}
// ANCHOR_END: job

/// The driver the loop parks in: chapter 29's timers wrapped around the
/// reactor.
type Driver = TimeDriver<Reactor>;

// ANCHOR: runtime
/// The loop's side: the shared state, and the driver it parks in.
pub struct Runtime<T: Runnable = Arc<Job>> {
    shared: Arc<Shared<T>>,
    driver: Driver,
}

/// What a run cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Polls of tasks.
    pub polls: usize,
    /// Blocking parks in the driver.
    pub parks: usize,
    /// Events the driver delivered to sockets.
    pub events: usize,
    /// Timers the driver fired.
    pub fired: usize,
}

impl Runtime {
    /// A runtime for Part V's boxed jobs (`Handle::spawn`).
    pub fn new() -> io::Result<Runtime> {
        Runtime::for_tasks()
    }
}

impl<T: Runnable> Runtime<T> {
    /// A runtime whose queue holds tasks of type `T`.
    pub fn for_tasks() -> io::Result<Runtime<T>> {
        let reactor = Reactor::new()?;
        let time = Arc::new(TimeHandle::default());
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                tasks: VecDeque::new(),
                parked: false,
                runner: None,
            }),
            alive: AtomicUsize::new(0),
            io: Arc::clone(reactor.handle()),
            time: Arc::clone(&time),
            parks: ParkCount::default(),
        });
        Ok(Runtime { shared, driver: TimeDriver::new(reactor, time) })
    }

    /// A handle to spawn with, and to register sockets with.
    pub fn handle(&self) -> Handle<T> {
        Handle { shared: Arc::clone(&self.shared) }
    }
}
// ANCHOR_END: runtime

// ANCHOR: run
impl<T: Runnable> Runtime<T> {
    /// Runs until every spawned task has finished: runs every task queued,
    /// then parks in the driver, blocking if no task is queued (and only
    /// checking, if one is), and again. Returns what it cost.
    pub fn run(mut self) -> Counts {
        self.shared.queue.lock().unwrap().runner = Some(thread::current().id());
        let mut counts = Counts::default();
        while self.shared.alive.load(Ordering::SeqCst) > 0 {
            let batch = mem::take(&mut self.shared.queue.lock().unwrap().tasks);
            for task in batch {
                match task.run() {
                    Ran::Pending => counts.polls += 1,
                    Ran::Finished => {
                        counts.polls += 1;
                        self.shared.alive.fetch_sub(1, Ordering::SeqCst);
                    }
                    Ran::Skipped => {}
                }
            }
            if self.shared.alive.load(Ordering::SeqCst) == 0 {
                break;
            }
            let idle = self.begin_park();
            let timeout = if idle { None } else { Some(Duration::ZERO) };
            let parked = self.driver.park(timeout).expect("the driver failed to poll");
            counts.events += parked.events;
            counts.fired += parked.fired;
            if idle {
                counts.parks += 1;
                self.shared.queue.lock().unwrap().parked = false;
            }
        }
        counts
    }

    /// Marks the loop parked if no task is queued, under the queue's lock, so
    /// that a task queued from now on sees the mark and wakes the loop.
    fn begin_park(&self) -> bool {
        let mut queue = self.shared.queue.lock().unwrap();
        queue.parked = queue.tasks.is_empty();
        if queue.parked {
            self.shared.parks.add_one();
        }
        queue.parked
    }
}
// ANCHOR_END: run

impl<T: Runnable> Drop for Runtime<T> {
    fn drop(&mut self) {
        // Tasks still queued hold handles, which hold this queue: drop them
        // here, or the two would keep each other alive.
        let leftover = mem::take(&mut self.shared.queue.lock().unwrap().tasks);
        drop(leftover);
    }
}

/// A count of parks that other threads can wait on.
#[derive(Default)]
struct ParkCount {
    count: Mutex<usize>,
    changed: Condvar,
}

impl ParkCount {
    fn add_one(&self) {
        *self.count.lock().unwrap() += 1;
        self.changed.notify_all();
    }

    fn get(&self) -> usize {
        *self.count.lock().unwrap()
    }

    fn wait_for(&self, n: usize, limit: Duration) -> io::Result<()> {
        let count = self.count.lock().unwrap();
        let (count, _) =
            self.changed.wait_timeout_while(count, limit, |count| *count < n).unwrap();
        if *count < n {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the loop parked {} times, not {n}, within {limit:?}", *count),
            ));
        }
        Ok(())
    }
}

/// Awaits `future`, adding one to `polls` each time it is polled: Part I's
/// `counting_polls` with an atomic count, for tasks, which must be `Send`.
pub async fn count_polls<F: Future>(future: F, polls: &AtomicUsize) -> F::Output {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        polls.fetch_add(1, Ordering::SeqCst);
        future.as_mut().poll(cx)
    })
    .await
}

// ANCHOR: tasks
/// Chapter 30's task on this loop: the loop runs it, and its wakers and
/// its `JoinHandle`'s `abort` queue it here.
impl Runnable for Notified {
    fn run(self) -> Ran {
        if Notified::run(self) { Ran::Finished } else { Ran::Pending }
    }
}

impl Schedule for Handle<Notified> {
    fn schedule(&self, task: Notified) {
        Handle::schedule(self, task);
    }
}

impl Handle<Notified> {
    /// Spawns `future` as a task made by hand, from the loop's thread or
    /// any other, and returns the handle to its output.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (task, handle) = task::spawn(future, self.clone());
        self.spawn_runnable(task);
        handle
    }
}
// ANCHOR_END: tasks
