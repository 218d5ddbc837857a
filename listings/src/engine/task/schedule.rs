//! Chapter 30: the scheduler's side of a task: a run queue holds `Notified`
//! tasks and runs them. The `unsafe` here is checked
//! under Miri (`ci/miri.sh`).

use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use listings::engine::task::header::Header;
use listings::engine::task::state::Snapshot;

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

impl Notified {
    /// # Safety
    /// `ptr` is a live task, and the new `Notified` takes over one of its
    /// references; the task's NOTIFIED bit is set for it.
    pub unsafe fn from_raw(ptr: NonNull<Header>) -> Notified {
        Notified { ptr }
    }

    /// Polls the task once (or drops its future, if it was aborted), using
    /// up this queued task. Returns whether the task completed.
    pub fn run(self) -> bool {
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
