//! Chapter 34: a multi-threaded runtime for Part VI's task. N worker
//! threads, each with a bounded local queue and a LIFO slot; one shared
//! inject queue; idle workers steal half of another's queue, and park when
//! there is nothing to steal.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use listings::engine::task::{JoinHandle, Notified, Schedule, spawn};
use listings::many_threads::steal::park::Idle;
use listings::many_threads::steal::queue::{Inject, Local};

/// Every this many looks for a task, a worker tries the inject queue before
/// its own, so that a busy local queue cannot starve the inject queue.
pub const GLOBAL_QUEUE_INTERVAL: usize = 61;

/// How an idle worker sleeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parking {
    /// Look for work, then sleep: loses a wake-up (`Idle::park_naive`).
    Naive,
    /// Announce, look again, then sleep (`Idle::park`).
    Fixed,
}

/// Called with a worker's index when it has found no work and is about
/// to park: a test's way to act inside the window where a wake-up gets lost.
pub type BeforePark = Arc<dyn Fn(usize) + Send + Sync>;

/// Where a worker found the task it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Its LIFO slot: the task that the task before woke.
    Lifo,
    /// Its own local queue.
    Local,
    /// The shared inject queue.
    Inject,
    /// Another worker's queue.
    Stolen,
}

/// What a runtime is made of.
pub struct Builder {
    workers: usize,
    local_capacity: usize,
    max_lifo_polls: Option<usize>,
    lifo: bool,
    parking: Parking,
    before_park: Option<BeforePark>,
}

impl Builder {
    /// `workers` threads, local queues of 256, a LIFO slot capped at 3
    /// runs in a row, and the parking that loses nothing.
    pub fn new(workers: usize) -> Builder {
        assert!(workers > 0, "a runtime needs a worker");
        Builder {
            workers,
            local_capacity: 256,
            max_lifo_polls: Some(3),
            lifo: true,
            parking: Parking::Fixed,
            before_park: None,
        }
    }

    /// Room in each local queue.
    pub fn local_capacity(mut self, capacity: usize) -> Builder {
        self.local_capacity = capacity;
        self
    }

    /// How many tasks in a row a worker may take from its LIFO slot; `None`
    /// for no cap.
    pub fn max_lifo_polls(mut self, cap: Option<usize>) -> Builder {
        self.max_lifo_polls = cap;
        self
    }

    /// Whether a task woken by the running task goes to the LIFO slot
    /// (`true`) or to the back of the local queue.
    pub fn lifo(mut self, enabled: bool) -> Builder {
        self.lifo = enabled;
        self
    }

    /// How idle workers sleep.
    pub fn parking(mut self, parking: Parking) -> Builder {
        self.parking = parking;
        self
    }

    /// Calls `hook` each time a worker is about to park.
    pub fn before_park(
        mut self,
        hook: impl Fn(usize) + Send + Sync + 'static,
    ) -> Builder {
        self.before_park = Some(Arc::new(hook));
        self
    }

    /// Starts the workers.
    pub fn build(self) -> Runtime {
        let shared = Arc::new(Shared {
            locals: (0..self.workers)
                .map(|_| Local::new(self.local_capacity))
                .collect(),
            inject: Inject::new(),
            idle: Idle::new(),
            counters: (0..self.workers).map(|_| Counters::default()).collect(),
            steals: Mutex::new(Vec::new()),
            overflowed: AtomicUsize::new(0),
            config: self,
        });
        let threads = (0..shared.locals.len())
            .map(|index| {
                let shared = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("worker {index}"))
                    .spawn(move || Worker { shared, index, tick: 0 }.run())
                    .expect("a worker thread")
            })
            .collect();
        Runtime { handle: Handle { shared }, threads }
    }
}

// ANCHOR: shared
/// What every worker and every task's scheduler handle share.
struct Shared {
    /// One bounded queue per worker; anyone may steal from any of them.
    locals: Vec<Local<Notified>>,
    /// Spawns and wakes from outside the workers, and overflow.
    inject: Inject<Notified>,
    /// Where idle workers sleep.
    idle: Idle,
    counters: Vec<Counters>,
    steals: Mutex<Vec<Steal>>,
    overflowed: AtomicUsize,
    config: Builder,
}

/// The worker this thread is, if it is one: its runtime, its index, and
/// its LIFO slot, which only this thread touches.
struct Current {
    shared: Arc<Shared>,
    index: usize,
    lifo: Option<Notified>,
    source: Source,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}
// ANCHOR_END: shared

/// A handle to the runtime: every task holds one as its scheduler.
#[derive(Clone)]
pub struct Handle {
    shared: Arc<Shared>,
}

// ANCHOR: schedule
impl Schedule for Handle {
    /// A task was woken. On one of our workers, that is the running task
    /// waking it: it takes the LIFO slot, and a task it displaces goes to
    /// the back of the local queue. Anywhere else, it goes to the inject
    /// queue.
    fn schedule(&self, task: Notified) {
        if !self.shared.config.lifo {
            return self.push(task);
        }
        let placed = self.with_current(|current| match current {
            Some(current) => Ok(current.lifo.replace(task)),
            None => Err(task),
        });
        match placed {
            Ok(None) => {} // in the slot, which nobody else can take from
            Ok(Some(displaced)) => self.push(displaced),
            Err(task) => self.push_inject(task),
        }
    }
}

impl Handle {
    /// Makes a task of `future`. On a worker it goes to the back of that
    /// worker's queue, elsewhere to the inject queue.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (task, handle) = spawn(future, self.clone());
        self.push(task);
        handle
    }

    /// Puts `task` at the back of this worker's local queue (what does not
    /// fit moves to the inject queue), or in the inject queue if this
    /// thread is not one of our workers; then wakes a sleeper.
    fn push(&self, task: Notified) {
        let Some(index) = self.with_current(|current| current.map(|c| c.index)) else {
            return self.push_inject(task);
        };
        if let Some(overflow) = self.shared.locals[index].push_back(task) {
            self.shared.overflowed.fetch_add(overflow.len(), Ordering::Relaxed);
            self.shared.inject.push_batch(overflow);
        }
        self.shared.idle.notify();
    }

    fn push_inject(&self, task: Notified) {
        self.shared.inject.push(task);
        self.shared.idle.notify();
    }
    // ANCHOR_END: schedule

    /// Calls `f` with this thread's worker state, if this thread is one of
    /// this runtime's workers, and with `None` otherwise. `f` must not
    /// drop a task: that may run a waker, which comes back here.
    fn with_current<R>(&self, f: impl FnOnce(Option<&mut Current>) -> R) -> R {
        CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            f(current.as_mut().filter(|c| Arc::ptr_eq(&c.shared, &self.shared)))
        })
    }

    /// How many workers are parked right now.
    pub fn sleeping(&self) -> usize {
        self.shared.idle.sleeping()
    }

    /// How many tasks wait in the inject queue and in each local queue
    /// (not counting LIFO slots).
    pub fn queued(&self) -> (usize, Vec<usize>) {
        let locals = self.shared.locals.iter().map(Local::len).collect();
        (self.shared.inject.len(), locals)
    }

    /// What the workers have counted so far.
    pub fn stats(&self) -> Stats {
        let count = |f: fn(&Counters) -> &AtomicUsize| {
            self.shared.counters.iter().map(|c| f(c).load(Ordering::Relaxed)).collect()
        };
        Stats {
            polls: count(|c| &c.polls),
            lifo_polls: count(|c| &c.lifo_polls),
            steals: self.shared.steals.lock().unwrap().clone(),
            overflowed: self.shared.overflowed.load(Ordering::Relaxed),
        }
    }
}

/// The worker running the current task, and where it found that task;
/// `None` outside a worker.
pub fn current() -> Option<(usize, Source)> {
    CURRENT.with(|current| current.borrow().as_ref().map(|c| (c.index, c.source)))
}

/// Each worker's counters.
#[derive(Default)]
struct Counters {
    polls: AtomicUsize,
    lifo_polls: AtomicUsize,
}

/// One successful steal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Steal {
    pub thief: usize,
    pub victim: usize,
    /// How many tasks the thief took...
    pub took: usize,
    /// ... of how many in the victim's queue.
    pub had: usize,
}

/// What a runtime's workers counted.
#[derive(Clone, Debug)]
pub struct Stats {
    /// Tasks run, per worker.
    pub polls: Vec<usize>,
    /// Of those, tasks taken from the LIFO slot.
    pub lifo_polls: Vec<usize>,
    /// Every steal, in the order they happened.
    pub steals: Vec<Steal>,
    /// Tasks moved from a full local queue to the inject queue.
    pub overflowed: usize,
}

// ANCHOR: worker
/// One worker thread's loop.
struct Worker {
    shared: Arc<Shared>,
    index: usize,
    /// How often it has looked for a task (LIFO runs do not count); every
    /// GLOBAL_QUEUE_INTERVAL-th look tries the inject queue first.
    tick: usize,
}

impl Worker {
    fn run(mut self) {
        CURRENT.with(|current| {
            *current.borrow_mut() = Some(Current {
                shared: Arc::clone(&self.shared),
                index: self.index,
                lifo: None,
                source: Source::Local,
            })
        });
        while let Some((task, source)) = self.next_task() {
            self.run_task(task, source);
        }
        // Shutting down: nothing is left in the LIFO slot (run_task empties
        // it), but drop our state outside the borrow.
        let current = CURRENT.with(|current| current.borrow_mut().take());
        drop(current);
    }

    /// The next task to run, and where it came from; parks while there is
    /// none. `None` once the runtime shuts down.
    fn next_task(&mut self) -> Option<(Notified, Source)> {
        loop {
            if self.shared.idle.is_shutdown() {
                return None;
            }
            if let Some(found) = self.find_task() {
                return Some(found);
            }
            if let Some(hook) = &self.shared.config.before_park {
                hook(self.index);
            }
            match self.shared.config.parking {
                Parking::Naive => {
                    self.shared.idle.park_naive();
                }
                Parking::Fixed => self.shared.idle.park(|| self.shared.has_work()),
            }
        }
    }

    /// Local queue, then inject queue (the other way round every
    /// GLOBAL_QUEUE_INTERVAL looks), then steal.
    fn find_task(&mut self) -> Option<(Notified, Source)> {
        self.tick += 1;
        let local = &self.shared.locals[self.index];
        let inject = &self.shared.inject;
        let inject_first = self.tick.is_multiple_of(GLOBAL_QUEUE_INTERVAL);
        if let Some(task) = inject_first.then(|| inject.pop()).flatten() {
            return Some((task, Source::Inject));
        }
        if let Some(task) = local.pop() {
            return Some((task, Source::Local));
        }
        if let Some(task) = inject.pop() {
            return Some((task, Source::Inject));
        }
        self.steal()
    }
    // ANCHOR_END: worker

    // ANCHOR: steal
    /// Visits the other workers in turn, starting with the next one, and
    /// takes half of the first queue that has tasks. Runs the oldest of
    /// them and keeps the rest in its own queue (empty, since it looked
    /// there first), then wakes a sleeper, who may steal from it in turn.
    fn steal(&self) -> Option<(Notified, Source)> {
        let workers = self.shared.locals.len();
        for step in 1..workers {
            let victim = (self.index + step) % workers;
            let (stolen, had) = self.shared.locals[victim].steal_half();
            let mut stolen = stolen.into_iter();
            let Some(first) = stolen.next() else { continue };
            let took = 1 + stolen.len();
            self.shared.steals.lock().unwrap().push(Steal {
                thief: self.index,
                victim,
                took,
                had,
            });
            let mine = &self.shared.locals[self.index];
            for task in stolen {
                let overflow = mine.push_back(task);
                assert!(overflow.is_none(), "half a queue fits in an empty one");
            }
            if took > 1 {
                self.shared.idle.notify();
            }
            return Some((first, Source::Stolen));
        }
        None
    }
    // ANCHOR_END: steal

    // ANCHOR: run_task
    /// Runs `task`, then the tasks it leaves in the LIFO slot, one after
    /// another, but no more than `max_lifo_polls` of them in a row: the next
    /// goes to the back of the local queue, behind the tasks that waited.
    fn run_task(&mut self, task: Notified, source: Source) {
        self.poll(task, source);
        let mut lifo_polls = 0;
        while let Some(next) = self.take_lifo() {
            let capped =
                self.shared.config.max_lifo_polls.is_some_and(|cap| lifo_polls >= cap);
            if capped || self.shared.idle.is_shutdown() {
                Handle { shared: Arc::clone(&self.shared) }.push(next);
                return;
            }
            lifo_polls += 1;
            self.shared.counters[self.index].lifo_polls.fetch_add(1, Ordering::Relaxed);
            self.poll(next, Source::Lifo);
        }
    }
    // ANCHOR_END: run_task

    fn take_lifo(&self) -> Option<Notified> {
        CURRENT
            .with(|current| current.borrow_mut().as_mut().and_then(|c| c.lifo.take()))
    }

    fn poll(&self, task: Notified, source: Source) {
        CURRENT.with(|current| {
            if let Some(current) = current.borrow_mut().as_mut() {
                current.source = source;
            }
        });
        self.shared.counters[self.index].polls.fetch_add(1, Ordering::Relaxed);
        task.run();
    }
}

impl Shared {
    /// Whether some queue holds a task that a parked worker could take.
    fn has_work(&self) -> bool {
        !self.inject.is_empty() || self.locals.iter().any(|local| !local.is_empty())
    }
}

/// The runtime: its worker threads, and a handle to spawn on it.
pub struct Runtime {
    handle: Handle,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Runtime {
    /// `workers` threads with the defaults of `Builder::new`.
    pub fn new(workers: usize) -> Runtime {
        Builder::new(workers).build()
    }

    /// A handle, to spawn from anywhere (tasks keep clones).
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Spawns from outside the workers: the task goes to the inject queue.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.handle.spawn(future)
    }

    /// Runs `future` on this thread until it is ready (it may wait for
    /// tasks on the workers); the workers keep running meanwhile.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        listings::block_on::block_on(future)
    }

    /// What the workers have counted so far.
    pub fn stats(&self) -> Stats {
        self.handle.stats()
    }

    /// Stops the workers after the task each is running, then drops every
    /// task still queued. Dropping a task can wake another (a future's
    /// `Drop`), which queues it again: drain until nothing is left.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.handle.shared.idle.shutdown();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        let shared = &self.handle.shared;
        loop {
            let mut tasks = shared.inject.drain();
            for local in &shared.locals {
                tasks.extend(local.drain());
            }
            if tasks.is_empty() {
                break;
            }
            drop(tasks);
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.stop();
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle").field("workers", &self.shared.locals.len()).finish()
    }
}
