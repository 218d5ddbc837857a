//! The exercise of chapter 26 and its solution (shown in the appendix):
//! chapter 23's runtime with a flag per task, like the NOTIFIED bit of
//! Tokio's state word, so that a task is in the queue at most once.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

// ANCHOR: solution
// ANCHOR: cut
type TaskFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Chapter 23's `Job`, and whether it is in the queue now.
struct Job {
    future: Mutex<Option<TaskFuture>>,
    /// Set by the wake that queues the job; cleared by the run loop just
    /// before it polls the job, so that a wake during the poll queues it.
    queued: AtomicBool,
    queue: Sender<Arc<Job>>,
}

impl Wake for Job {
    fn wake(self: Arc<Self>) {
        if self.queued.swap(true, Ordering::AcqRel) {
            return; // already in line: one poll will serve both wakes
        }
        let queue = self.queue.clone();
        let _ = queue.send(self);
    }
}

/// The run queue, and how many spawned tasks have not finished yet.
pub struct Runtime {
    queue: Sender<Arc<Job>>,
    ready: Receiver<Arc<Job>>,
    alive: usize,
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your runtime. This placeholder only lets the starter compile: start
// /// from chapter 23's `Runtime` and its `Job`.
// pub struct Runtime;
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl Runtime {
    pub fn new() -> Runtime {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let (queue, ready) = mpsc::channel();
        Runtime { queue, ready, alive: 0 }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Queues `future` as a new task, as chapter 23's `spawn` does.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.alive += 1;
        let job = Job {
            future: Mutex::new(Some(Box::pin(future))),
            queued: AtomicBool::new(true), // it goes in line right now
            queue: self.queue.clone(),
        };
        self.queue.send(Arc::new(job)).unwrap();
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Runs tasks until none is alive, as chapter 23's `run` does, except
    /// that a task woken several times before its next poll is queued, and
    /// polled, once. Returns how many polls it made.
    pub fn run(mut self) -> u32 {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let mut polls = 0;
        while self.alive > 0 {
            let job = self.ready.recv().unwrap();
            // Out of the queue: from now on, a wake must queue it again.
            job.queued.store(false, Ordering::Release);
            let mut slot = job.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue;
            };
            let waker = Waker::from(Arc::clone(&job));
            polls += 1;
            if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
                *slot = None;
                self.alive -= 1;
            }
        }
        polls
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}
