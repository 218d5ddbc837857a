//! A small executor: a queue of tasks, a spawner that adds to it, and tasks
//! that put themselves back in the queue when they are woken.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Wake, Waker};

// ANCHOR: job
type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, and the way back into the queue.
struct Job {
    /// `None` once the future has finished.
    future: Mutex<Option<BoxedFuture>>,
    queue: mpsc::Sender<Arc<Job>>,
}

/// Waking a job sends it back to the queue, to be polled again.
impl Wake for Job {
    fn wake(self: Arc<Self>) {
        let queue = self.queue.clone();
        let _ = queue.send(self); // fails only once the run loop is gone
    }
}
// ANCHOR_END: job

// ANCHOR: launcher
/// Hands futures to a `RunQueue`. Clone it to launch from anywhere.
#[derive(Clone)]
pub struct Launcher {
    queue: mpsc::Sender<Arc<Job>>,
    unfinished: Arc<AtomicUsize>,
}

impl Launcher {
    pub fn launch(&self, future: impl Future<Output = ()> + Send + 'static) {
        self.unfinished.fetch_add(1, Ordering::SeqCst);
        let job = Job {
            future: Mutex::new(Some(Box::pin(future))),
            queue: self.queue.clone(),
        };
        self.queue.send(Arc::new(job)).expect("the run queue is gone");
    }
}

/// The receiving end: the run loop takes jobs from it.
pub struct RunQueue {
    jobs: mpsc::Receiver<Arc<Job>>,
    unfinished: Arc<AtomicUsize>,
}

pub fn run_queue() -> (RunQueue, Launcher) {
    let (queue, jobs) = mpsc::channel();
    let unfinished = Arc::new(AtomicUsize::new(0));
    let launcher = Launcher { queue, unfinished: Arc::clone(&unfinished) };
    (RunQueue { jobs, unfinished }, launcher)
}
// ANCHOR_END: launcher

// ANCHOR: run
impl RunQueue {
    /// Polls jobs as they arrive in the queue, until every launched job has
    /// finished. Sleeps in `recv` while no job is ready. Returns the number
    /// of polls. Panics when an unfinished job can never be woken again.
    pub fn run(self) -> usize {
        let mut polls = 0;
        while self.unfinished.load(Ordering::SeqCst) > 0 {
            let Ok(job) = self.jobs.recv() else {
                // No launcher is left, and no job: nobody holds a waker.
                panic!("unfinished jobs were dropped: their wakers are all gone");
            };
            let mut slot = job.future.lock().unwrap();
            let Some(future) = slot.as_mut() else {
                continue; // woken after it finished: nothing to do
            };
            let waker = Waker::from(Arc::clone(&job));
            polls += 1;
            if future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready() {
                *slot = None;
                self.unfinished.fetch_sub(1, Ordering::SeqCst);
                continue;
            }
            drop((slot, waker));
            // Not in the queue, and no waker left: nothing can send it back.
            assert!(
                Arc::strong_count(&job) > 1,
                "a job answered Pending but kept no waker"
            );
        }
        polls
    }
}
// ANCHOR_END: run
