// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/ship/offload.rs.
//! The exercise of chapter 40 and its solution (shown in the appendix):
//! `Offload`, which runs a blocking handler on Tokio's blocking pool, at
//! most so many calls at once.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::Semaphore;

use listings::ship::broken::blocking::Blocking;
use listings::ship::protocol::{Command, Reply};
use listings::ship::store::Handler;

/// A handler written as a plain function, which may block its thread.
pub trait BlockingHandler: Clone + Send + Sync + 'static {
    fn call_blocking(&self, command: Command) -> Reply;
}

impl BlockingHandler for Blocking {
    fn call_blocking(&self, command: Command) -> Reply {
        self.apply_blocking(command)
    }
}

/// `inner`'s calls, each on a thread of the blocking pool, at most
/// `max_blocking` of them at once; past that, a request waits for a permit
/// the async way, and its request timeout can fire.
#[derive(Clone)]
pub struct Offload<H> {
    inner: H,
    permits: Arc<Semaphore>,
}

impl<H: BlockingHandler> Offload<H> {
    pub fn new(inner: H, max_blocking: usize) -> Offload<H> {
        Offload { inner, permits: Arc::new(Semaphore::new(max_blocking)) }
    }
}

impl<H: BlockingHandler> Handler for Offload<H> {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let this = self.clone();
        async move {
            let Offload { inner, permits } = this;
            todo!()
        }
    }
}
