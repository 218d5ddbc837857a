//! The exercise of chapter 31 and its solution (shown in the appendix): a
//! `JoinSet`, a set of tasks whose outputs come out in the order the tasks
//! finish, on Part VI's runtime and chapter 30's tasks.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

use listings::engine::runtime::Handle;
use listings::engine::task::{JoinError, JoinHandle, Notified};

// ANCHOR: solution
// ANCHOR: cut
/// Tasks spawned into the set, each by its handle.
pub struct JoinSet<T> {
    handles: Vec<JoinHandle<T>>,
}

/// A set that is dropped aborts the tasks still in it, as Tokio's does.
impl<T> Drop for JoinSet<T> {
    fn drop(&mut self) {
        for handle in &self.handles {
            handle.abort();
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your set. This placeholder only lets the starter compile: give it
// /// the fields it needs, and a `Drop` that aborts what is left.
// pub struct JoinSet<T>(Vec<T>);
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl<T: Send + 'static> JoinSet<T> {
    /// An empty set.
    pub fn new() -> JoinSet<T> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        JoinSet { handles: Vec::new() }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Spawns `future` on `runtime` as a task of the set.
    pub fn spawn<F>(&mut self, runtime: &Handle<Notified>, future: F)
    where
        F: Future<Output = T> + Send + 'static,
    {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.handles.push(runtime.spawn(future));
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// How many tasks are in the set: spawned, and not yet joined.
    pub fn len(&self) -> usize {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.handles.len()
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// The result of a task that has finished, taken out of the set,
    /// waiting for one if none has; `None` if the set is empty. Results come
    /// in the order the tasks finish.
    pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        poll_fn(|cx| {
            if self.handles.is_empty() {
                return Poll::Ready(None);
            }
            // Every handle that answers Pending keeps this poll's waker as
            // its join waker: whichever task finishes first wakes us.
            for index in 0..self.handles.len() {
                if let Poll::Ready(result) = Pin::new(&mut self.handles[index]).poll(cx)
                {
                    drop(self.handles.swap_remove(index));
                    return Poll::Ready(Some(result));
                }
            }
            Poll::Pending
        })
        .await
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Aborts every task in the set; each one's result becomes a cancelled
    /// `JoinError` (unless it had finished already).
    pub fn abort_all(&self) {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        for handle in &self.handles {
            handle.abort();
        }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution

impl<T: Send + 'static> JoinSet<T> {
    /// Whether the set holds no task.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: Send + 'static> Default for JoinSet<T> {
    fn default() -> JoinSet<T> {
        JoinSet::new()
    }
}
