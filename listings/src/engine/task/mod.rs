//! Chapters 30 and 31: a task by hand. One allocation holds the task's state
//! word, its future and then its output, and its scheduler; wakers and the
//! `JoinHandle` are pointers to it, counted in the state word.

pub mod demo;
pub mod join;
pub mod queue;
mod raw;
pub mod state;
pub mod waker;

use std::future::Future;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

pub use join::{JoinError, JoinHandle};
pub use state::Snapshot;

use raw::Header;

/// The atomics `state.rs` uses: std's here, loom's in `loom-checks/`,
/// which compiles the same file.
pub mod sync {
    pub use std::sync::atomic::{AtomicUsize, Ordering};
}

// ANCHOR: schedule
/// Where a woken task goes: a run queue. `schedule` takes a queued task
/// (which holds one reference); the runner later calls `Notified::run`.
pub trait Schedule: Send + Sync + 'static {
    /// Puts `task` in line to be run.
    fn schedule(&self, task: Notified);
}

/// A task in a run queue. It holds one reference, and the task's NOTIFIED
/// bit is set for as long as it exists.
pub struct Notified {
    ptr: NonNull<Header>,
}

// SAFETY: a task is built to be sent: `spawn` asks for a `Send` future and
// output and a `Send + Sync` scheduler, and the state word decides which
// thread may touch the future at any moment.
unsafe impl Send for Notified {}

/// Makes a task: one allocation, holding `future` and `scheduler`. Returns
/// the task, to be put in a queue for its first poll, and its handle.
pub fn spawn<F, S>(future: F, scheduler: S) -> (Notified, JoinHandle<F::Output>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let ptr = raw::allocate(future, scheduler);
    // SAFETY: a new task counts two references, one for each of these.
    (Notified { ptr }, unsafe { JoinHandle::new(ptr) })
}

impl Notified {
    /// Polls the task once (or drops its future, if it was aborted), using
    /// up this queued task.
    pub fn run(self) {
        let ptr = ManuallyDrop::new(self).ptr;
        // SAFETY: this queued task's reference keeps the task alive, and
        // `run` takes that reference over.
        unsafe { (ptr.as_ref().vtable.run)(ptr) }
    }
    // ANCHOR_END: schedule

    /// The task's state word, as the book prints it.
    pub fn state(&self) -> Snapshot {
        // SAFETY: this queued task's reference keeps the task alive.
        unsafe { self.ptr.as_ref() }.state.load()
    }
}

/// A queued task that is never run (its queue was dropped) lets go of its
/// reference; its NOTIFIED bit stays set, so no wake queues it again.
impl Drop for Notified {
    fn drop(&mut self) {
        // SAFETY: this queued task's reference keeps the task alive.
        let header = unsafe { self.ptr.as_ref() };
        if header.state.ref_dec() {
            // SAFETY: that was the last reference.
            unsafe { (header.vtable.dealloc)(self.ptr) }
        }
    }
}
