// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/in_depth/output_slot.rs.
//! The exercise of chapter 23 and its solution (shown in the appendix): a
//! `JoinHandle` for the mini Tokio, through which one task awaits the
//! output of another.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use listings::in_depth::runtime::Runtime;

/// Spawns `future` on `runtime`, as `Runtime::spawn` does, and returns a
/// handle to its output: awaiting the handle, from another task, gives the
/// output once the task has finished. Dropping the handle does not stop
/// the task; its output is then dropped.
pub fn spawn_with_handle<F, T>(runtime: &mut Runtime, future: F) -> JoinHandle<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    todo!()
}

/// Your handle. This placeholder only lets the starter compile: replace
/// it with what the handle and its task share, and write both methods.
pub struct JoinHandle<T>(Option<T>);

impl<T> JoinHandle<T> {
    /// Whether the task has finished.
    pub fn is_finished(&self) -> bool {
        todo!()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        todo!()
    }
}
