//! Chapters 30 and 31: the smallest scheduler for a task, a queue that a
//! test (or Miri) runs by hand on one thread. No sockets, no clock.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};

use listings::engine::task::{JoinHandle, Notified, Schedule, spawn};

// ANCHOR: queue
/// A run queue. Cloning it gives another handle to the same queue; every
/// task holds one, to queue itself when woken.
#[derive(Clone, Default)]
pub struct Queue {
    tasks: Arc<Mutex<VecDeque<Notified>>>,
}

impl Schedule for Queue {
    fn schedule(&self, task: Notified) {
        self.tasks.lock().unwrap().push_back(task);
    }
}

impl Queue {
    /// An empty queue.
    pub fn new() -> Queue {
        Queue::default()
    }

    /// Makes a task of `future` and queues it for its first poll.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (task, handle) = spawn(future, self.clone());
        self.schedule(task);
        handle
    }

    /// Runs the task at the front, if any. The lock is released before the
    /// task runs, since the task may queue itself (or others) again.
    pub fn run_one(&self) -> bool {
        let next = self.tasks.lock().unwrap().pop_front();
        match next {
            Some(task) => {
                task.run();
                true
            }
            None => false,
        }
    }

    /// Runs tasks until the queue is empty; returns how many it ran.
    pub fn run_until_idle(&self) -> usize {
        let mut runs = 0;
        while self.run_one() {
            runs += 1;
        }
        runs
    }
    // ANCHOR_END: queue

    /// How many tasks wait in the queue.
    pub fn len(&self) -> usize {
        self.tasks.lock().unwrap().len()
    }

    /// Whether no task waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops every queued task without running it; a task whose last
    /// reference that was is freed. Each task holds a clone of the queue, so
    /// a queue that still holds tasks keeps itself alive: drain it first.
    pub fn clear(&self) {
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap());
        drop(tasks); // outside the lock: a freed task may drop wakers that queue
    }
}
