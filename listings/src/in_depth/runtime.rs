//! A mini Tokio: spawn tasks, keep a queue of tasks to poll, and run a loop
//! that polls them until none is left alive.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

// ANCHOR: job
/// A spawned future, boxed so that tasks of different types fit one queue.
type TaskFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// One task: its future, and the way back onto the run queue.
struct Job {
    /// `None` once the future has finished.
    future: Mutex<Option<TaskFuture>>,
    queue: Sender<Arc<Job>>,
}

/// A job's waker is the job itself: waking it puts it back on the queue.
impl Wake for Job {
    fn wake(self: Arc<Self>) {
        let queue = self.queue.clone();
        // The receiver lives as long as the runtime; once it is gone there is
        // nobody left to poll, so a failed send can be ignored.
        let _ = queue.send(self);
    }
}
// ANCHOR_END: job

// ANCHOR: runtime
/// The run queue, and how many spawned tasks have not finished yet.
pub struct Runtime {
    queue: Sender<Arc<Job>>,
    ready: Receiver<Arc<Job>>,
    alive: usize,
}

impl Runtime {
    pub fn new() -> Runtime {
        let (queue, ready) = mpsc::channel();
        Runtime { queue, ready, alive: 0 }
    }

    /// Queues `future` as a new task; it first runs when `run` polls it.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        self.alive += 1;
        let job = Job {
            future: Mutex::new(Some(Box::pin(future))),
            queue: self.queue.clone(),
        };
        self.queue.send(Arc::new(job)).unwrap();
    }
}
// ANCHOR_END: runtime

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}

// ANCHOR: run
impl Runtime {
    /// Polls queued tasks until every spawned task has finished, sleeping
    /// while the queue is empty. Returns how many polls it made.
    pub fn run(mut self) -> u32 {
        let mut polls = 0;
        while self.alive > 0 {
            // Blocks until some waker queues a job. It cannot fail: `self`
            // holds a sender, which is also why the count is needed to stop.
            let job = self.ready.recv().unwrap();
            let mut slot = job.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue; // woken after it finished: nothing to do
            };
            let waker = Waker::from(Arc::clone(&job));
            polls += 1;
            if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
                *slot = None; // drop the finished future now
                self.alive -= 1;
            }
        }
        polls
    }
}
// ANCHOR_END: run
