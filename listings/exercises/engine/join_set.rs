// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/join_set.rs.
//! The exercise of chapter 31 and its solution (shown in the appendix): a
//! `JoinSet`, a set of tasks whose outputs come out in the order the tasks
//! finish, on Part VI's runtime and chapter 30's tasks.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;

use listings::engine::runtime::Handle;
use listings::engine::task::{JoinError, JoinHandle, Notified};

/// Your set. This placeholder only lets the starter compile: give it
/// the fields it needs, and a `Drop` that aborts what is left.
pub struct JoinSet<T>(Vec<T>);

impl<T: Send + 'static> JoinSet<T> {
    /// An empty set.
    pub fn new() -> JoinSet<T> {
        todo!()
    }

    /// Spawns `future` on `runtime` as a task of the set.
    pub fn spawn<F>(&mut self, runtime: &Handle<Notified>, future: F)
    where
        F: Future<Output = T> + Send + 'static,
    {
        todo!()
    }

    /// How many tasks are in the set: spawned, and not yet joined.
    pub fn len(&self) -> usize {
        todo!()
    }

    /// The result of a task that has finished, taken out of the set,
    /// waiting for one if none has; `None` if the set is empty. Results come
    /// in the order the tasks finish.
    pub async fn join_next(&mut self) -> Option<Result<T, JoinError>> {
        todo!()
    }

    /// Aborts every task in the set; each one's result becomes a cancelled
    /// `JoinError` (unless it had finished already).
    pub fn abort_all(&self) {
        todo!()
    }
}

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
