//! Chapter 30: what every task starts with, whatever its future: the state
//! word, and a table of the operations on that type of task. Code that does
//! not know the future's type (a waker, a run queue, the `JoinHandle`) reads
//! only this.

use std::ptr::NonNull;
use std::task::Waker;

use listings::engine::task::state::State;

// ANCHOR: header
/// The start of every task, whatever its future.
pub struct Header {
    /// Flags and reference count.
    pub state: State,
    /// What to do with this type of task.
    pub vtable: &'static Vtable,
}

/// The operations on one type of task, written once per future and
/// scheduler type by `raw::vtable`. Each takes the task's header pointer.
pub struct Vtable {
    /// Runs a queued task, using up the queued task's reference. Returns
    /// whether the task completed.
    pub run: unsafe fn(NonNull<Header>) -> bool,
    /// Hands a queued task (one reference) to the task's scheduler.
    pub schedule: unsafe fn(NonNull<Header>),
    /// Frees the allocation, dropping what is left in it.
    pub dealloc: unsafe fn(NonNull<Header>),
    /// For the `JoinHandle`: moves the output out if the task is complete,
    /// else leaves the handle's waker in the task.
    pub read_output: unsafe fn(NonNull<Header>, *mut (), &Waker),
    /// For the `JoinHandle`'s `Drop`.
    pub drop_join_handle: unsafe fn(NonNull<Header>),
}
// ANCHOR_END: header
