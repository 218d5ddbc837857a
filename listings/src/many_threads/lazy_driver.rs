//! Chapter 37's exercise: a run loop that goes to its driver only every
//! `interval` turns while tasks are queued, the fix the chapter measures.
//!
//! `LazyLoop` is Part VI's loop cut to what the exercise needs: chapter
//! 30's tasks, one queue under a `Mutex`, a count of the tasks still alive,
//! and a driver behind chapter 29's `Park` trait, so that a test can hand
//! it a fake one that counts how often it is asked. Everything but `run` is
//! given.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::engine::reactor::Park;
use listings::engine::task::{self, JoinHandle, Notified, Schedule};

struct Shared {
    tasks: Mutex<VecDeque<Notified>>,
    alive: AtomicUsize,
}

/// Spawns onto a [`LazyLoop`], and is the scheduler its tasks wake through.
#[derive(Clone)]
pub struct LazyHandle {
    shared: Arc<Shared>,
}

impl Schedule for LazyHandle {
    fn schedule(&self, task: Notified) {
        self.shared.tasks.lock().unwrap().push_back(task);
    }
}

impl LazyHandle {
    /// Spawns `future` as a task at the back of the queue.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
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

/// A run loop over a driver `P`, which it asks for events without blocking
/// only every `interval` turns while tasks are queued.
pub struct LazyLoop<P> {
    shared: Arc<Shared>,
    driver: P,
    interval: u32,
}

impl<P: Park> LazyLoop<P> {
    /// A loop over `driver`. Panics if `interval` is 0.
    pub fn new(driver: P, interval: u32) -> LazyLoop<P> {
        assert!(interval > 0, "the driver must be checked at some point");
        let shared = Arc::new(Shared {
            tasks: Mutex::new(VecDeque::new()),
            alive: AtomicUsize::new(0),
        });
        LazyLoop { shared, driver, interval }
    }

    /// A handle to spawn with, before the loop runs or from its tasks.
    pub fn handle(&self) -> LazyHandle {
        LazyHandle { shared: Arc::clone(&self.shared) }
    }

    /// The driver, to look at once the loop has run.
    pub fn driver(&self) -> &P {
        &self.driver
    }

    // ANCHOR: solution
    // ANCHOR: exercise
    /// Runs tasks until none is alive. A turn is one task taken from the
    /// front of the queue and run. With no task queued but some alive, the
    /// loop blocks in the driver (`park(None)`). While tasks are queued, it
    /// asks the driver for events without blocking
    /// (`park(Some(Duration::ZERO))`) once, after every `interval`th turn,
    /// and never otherwise.
    pub fn run(&mut self) -> io::Result<()> {
        // ANCHOR: todo
        let mut turn: u32 = 0;
        while self.shared.alive.load(Ordering::SeqCst) > 0 {
            let next = self.shared.tasks.lock().unwrap().pop_front();
            let Some(task) = next else {
                // Nothing to run, and someone is waiting: for the driver.
                self.driver.park(None)?;
                continue;
            };
            if task.run() {
                self.shared.alive.fetch_sub(1, Ordering::SeqCst);
            }
            turn = turn.wrapping_add(1);
            if turn.is_multiple_of(self.interval)
                && !self.shared.tasks.lock().unwrap().is_empty()
            {
                self.driver.park(Some(Duration::ZERO))?;
            }
        }
        Ok(())
        // ANCHOR_END: todo
    }
    // ANCHOR_END: exercise
    // ANCHOR_END: solution
}
