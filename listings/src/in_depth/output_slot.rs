//! The exercise of chapter 23 and its solution (shown in the appendix): a
//! `JoinHandle` for the mini Tokio, through which one task awaits the
//! output of another.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use listings::in_depth::runtime::Runtime;

// ANCHOR: solution
// ANCHOR: exercise
/// Spawns `future` on `runtime`, as `Runtime::spawn` does, and returns a
/// handle to its output: awaiting the handle, from another task, gives the
/// output once the task has finished. Dropping the handle does not stop
/// the task; its output is then dropped.
pub fn spawn_with_handle<F, T>(runtime: &mut Runtime, future: F) -> JoinHandle<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    let slot =
        Arc::new(Mutex::new(Slot { output: None, finished: false, waker: None }));
    let task_slot = Arc::clone(&slot);
    runtime.spawn(async move {
        let output = future.await;
        let waker = {
            let mut slot = task_slot.lock().unwrap();
            slot.output = Some(output);
            slot.finished = true;
            slot.waker.take()
        };
        // Outside the lock: the woken task may be polled at once.
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    JoinHandle { slot }
    // ANCHOR_END: todo
}

// ANCHOR: cut
/// What a task and its handle share.
struct Slot<T> {
    /// The output, from the task's end until the handle takes it.
    output: Option<T>,
    /// The task has finished (its output may already be taken).
    finished: bool,
    /// The waker of the handle's latest poll.
    waker: Option<Waker>,
}

/// The handle to a spawned task's output.
pub struct JoinHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> JoinHandle<T> {
    /// Whether the task has finished.
    pub fn is_finished(&self) -> bool {
        self.slot.lock().unwrap().finished
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().unwrap();
        if let Some(output) = slot.output.take() {
            return Poll::Ready(output);
        }
        assert!(!slot.finished, "JoinHandle polled after it returned Ready");
        // Checked and stored under one lock: the task cannot finish between.
        slot.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your handle. This placeholder only lets the starter compile: replace
// /// it with what the handle and its task share, and write both methods.
// pub struct JoinHandle<T>(Option<T>);
//
// impl<T> JoinHandle<T> {
//     /// Whether the task has finished.
//     pub fn is_finished(&self) -> bool {
//         todo!()
//     }
// }
//
// impl<T> Future for JoinHandle<T> {
//     type Output = T;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
