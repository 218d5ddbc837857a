//! Chapter 31: `spawn_blocking` on a small pool of threads. A fixed number
//! of threads take closures from one queue; each result goes back through a
//! future, woken from the pool thread that ran the closure.

use std::collections::VecDeque;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use listings::engine::task::JoinError;

/// A closure waiting for a pool thread.
type Job = Box<dyn FnOnce() + Send>;

// ANCHOR: pool
/// A fixed number of threads, named `blocking-0`, `blocking-1`, ..., and the
/// queue of closures they take from.
pub struct BlockingPool {
    shared: Arc<PoolShared>,
    threads: Vec<thread::JoinHandle<()>>,
}

struct PoolShared {
    queue: Mutex<PoolQueue>,
    /// Signalled when a job is queued, or the pool shuts down.
    work: Condvar,
}

struct PoolQueue {
    jobs: VecDeque<Job>,
    shutdown: bool,
}

impl BlockingPool {
    /// Starts `threads` threads, all waiting for work.
    pub fn new(threads: usize) -> BlockingPool {
        let shared = Arc::new(PoolShared {
            queue: Mutex::new(PoolQueue { jobs: VecDeque::new(), shutdown: false }),
            work: Condvar::new(),
        });
        let threads = (0..threads)
            .map(|i| {
                let shared = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("blocking-{i}"))
                    .spawn(move || shared.work_until_shutdown())
                    .expect("a blocking pool thread")
            })
            .collect();
        BlockingPool { shared, threads }
    }
}

impl PoolShared {
    /// A pool thread's life: take a job, run it, again; end once the pool
    /// shuts down and the queue is empty.
    fn work_until_shutdown(&self) {
        loop {
            let job = {
                let mut queue = self.queue.lock().unwrap();
                loop {
                    if let Some(job) = queue.jobs.pop_front() {
                        break job;
                    }
                    if queue.shutdown {
                        return;
                    }
                    queue = self.work.wait(queue).unwrap();
                }
            };
            job(); // outside the lock: it may take as long as it likes
        }
    }
}
// ANCHOR_END: pool

// ANCHOR: spawn_blocking
impl BlockingPool {
    /// Runs `work` on a pool thread, once one is free, and returns a future
    /// of its result; a panic in `work` comes back as a `JoinError`.
    pub fn spawn_blocking<T, W>(&self, work: W) -> BlockingHandle<T>
    where
        T: Send + 'static,
        W: FnOnce() -> T + Send + 'static,
    {
        let slot = Arc::new(Mutex::new(Slot { result: None, waker: None }));
        let filled = Arc::clone(&slot);
        let job: Job = Box::new(move || {
            let result = panic::catch_unwind(AssertUnwindSafe(work));
            let waker = {
                let mut slot = filled.lock().unwrap();
                slot.result = Some(result.map_err(JoinError::panic));
                slot.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake(); // from the pool thread, after letting go of the lock
            }
        });
        self.shared.queue.lock().unwrap().jobs.push_back(job);
        self.shared.work.notify_one();
        BlockingHandle { slot }
    }
}

/// Where a pool thread leaves the result, and the waker to call then.
struct Slot<T> {
    result: Option<Result<T, JoinError>>,
    waker: Option<Waker>,
}

/// The future of a `spawn_blocking` closure's result.
pub struct BlockingHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for BlockingHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.slot.lock().unwrap();
        if let Some(result) = slot.result.take() {
            return Poll::Ready(result);
        }
        // Under the same lock the pool thread takes to store the result, so
        // it cannot store it between the check above and this line.
        if !slot.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            slot.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
// ANCHOR_END: spawn_blocking

impl BlockingPool {
    /// How many closures wait for a free thread.
    pub fn queued(&self) -> usize {
        self.shared.queue.lock().unwrap().jobs.len()
    }

    /// How many threads the pool has.
    pub fn threads(&self) -> usize {
        self.threads.len()
    }
}

/// Lets the threads finish what is queued, then waits for them to end.
impl Drop for BlockingPool {
    fn drop(&mut self) {
        self.shared.queue.lock().unwrap().shutdown = true;
        self.shared.work.notify_all();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
