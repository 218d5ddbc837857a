//! One fix, measured: Part VI's loop (`listings::engine::runtime`) with a
//! single change, so that the chapter can show what it buys.
//!
//! Part VI's loop, after each batch of tasks, asks its driver for events
//! even when more tasks are queued: a `park` with a zero timeout, which is
//! an `epoll_wait` system call and two readings of the clock. When tasks
//! wake each other one at a time (ping-pong, a chain of spawns) every batch
//! holds one task, and every poll pays for that call. Tokio's schedulers
//! check the driver while busy only every `event_interval` ticks (61 by
//! default). This copy does the same: while tasks are queued it skips the
//! driver except on every [`DRIVER_EVERY`]th turn; with none queued it
//! blocks in the driver exactly as Part VI's does.
//!
//! Everything else is Part VI's, line for line in spirit: the run queue
//! under a `Mutex`, the `parked` flag, the reactor and timers, chapter 30's
//! tasks. Only the lines marked `// the fix` differ.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::mem;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread::{self, ThreadId};
use std::time::Duration;

use listings::engine::reactor::{IoHandle, Park, Reactor};
use listings::engine::task::{self, Notified, Schedule};
use listings::engine::timer::{TimeDriver, TimeHandle};

use crate::runners::{Runner, Spawn};

/// While tasks are queued, the driver is asked for events on every this
/// many turns of the loop (Tokio's default `event_interval`).
pub const DRIVER_EVERY: u32 = 61;

struct Shared {
    queue: Mutex<Queue>,
    alive: AtomicUsize,
    io: Arc<IoHandle>,
}

struct Queue {
    tasks: VecDeque<Notified>,
    parked: bool,
    runner: Option<ThreadId>,
}

/// Spawns and schedules, like Part VI's `Handle<Notified>`.
#[derive(Clone)]
pub struct LazyHandle {
    shared: Arc<Shared>,
}

impl Schedule for LazyHandle {
    fn schedule(&self, task: Notified) {
        let must_wake = {
            let mut queue = self.shared.queue.lock().unwrap();
            queue.tasks.push_back(task);
            let elsewhere = queue.runner != Some(thread::current().id());
            let must_wake = queue.parked && elsewhere;
            if must_wake {
                queue.parked = false;
            }
            must_wake
        };
        if must_wake {
            self.shared.io.wake_loop().expect("the reactor's mio::Waker failed");
        }
    }
}

impl Spawn for LazyHandle {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        drop(self.spawn_joined(future));
    }
}

impl LazyHandle {
    fn spawn_joined<F>(&self, future: F) -> task::JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (task, handle) = task::spawn(future, self.clone());
        self.shared.alive.fetch_add(1, Ordering::SeqCst);
        self.schedule(task);
        handle
    }
}

/// Part VI's runtime with the fix.
pub struct LazyDriverRunner {
    shared: Arc<Shared>,
    driver: TimeDriver<Reactor>,
}

impl LazyDriverRunner {
    pub fn new() -> io::Result<LazyDriverRunner> {
        let reactor = Reactor::new()?;
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                tasks: VecDeque::new(),
                parked: false,
                runner: None,
            }),
            alive: AtomicUsize::new(0),
            io: Arc::clone(reactor.handle()),
        });
        let time = Arc::new(TimeHandle::default());
        Ok(LazyDriverRunner { shared, driver: TimeDriver::new(reactor, time) })
    }

    fn handle(&self) -> LazyHandle {
        LazyHandle { shared: Arc::clone(&self.shared) }
    }

    fn run(mut self) {
        self.shared.queue.lock().unwrap().runner = Some(thread::current().id());
        let mut turn: u32 = 0;
        while self.shared.alive.load(Ordering::SeqCst) > 0 {
            let batch = mem::take(&mut self.shared.queue.lock().unwrap().tasks);
            for task in batch {
                if task.run() {
                    self.shared.alive.fetch_sub(1, Ordering::SeqCst);
                }
            }
            if self.shared.alive.load(Ordering::SeqCst) == 0 {
                break;
            }
            let idle = {
                let mut queue = self.shared.queue.lock().unwrap();
                queue.parked = queue.tasks.is_empty();
                queue.parked
            };
            turn = turn.wrapping_add(1);
            if !idle && !turn.is_multiple_of(DRIVER_EVERY) {
                continue; // the fix: busy, so the driver can wait
            }
            let timeout = if idle { None } else { Some(Duration::ZERO) };
            self.driver.park(timeout).expect("the driver failed to poll");
            if idle {
                self.shared.queue.lock().unwrap().parked = false;
            }
        }
    }
}

impl Drop for LazyDriverRunner {
    fn drop(&mut self) {
        let leftover = mem::take(&mut self.shared.queue.lock().unwrap().tasks);
        drop(leftover);
    }
}

impl Runner for LazyDriverRunner {
    const NAME: &'static str = "VI tasks + lazy driver";
    type Spawner = LazyHandle;

    fn maker() -> impl FnMut() -> Self {
        || LazyDriverRunner::new().expect("a reactor")
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&LazyHandle) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let handle = self.handle();
        let inner = handle.clone();
        let join = handle.spawn_joined(async move { main(&inner).await });
        self.run();
        let mut join = pin!(join);
        match join.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output.expect("main panicked"),
            Poll::Pending => panic!("the loop returned before main finished"),
        }
    }
}
