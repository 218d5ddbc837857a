//! Chapter 30: a task's waker, written by hand: a `RawWaker` whose data
//! pointer is the task's header, and one `RawWakerVTable` for every task.
//! The `unsafe` here is checked under Miri (`ci/miri.sh`).

use std::mem::ManuallyDrop;
use std::ptr::{self, NonNull};
use std::task::{RawWaker, RawWakerVTable, Waker};

use listings::engine::task::header::Header;
use listings::engine::task::state::{Snapshot, WakeByVal};

// ANCHOR: vtable
/// The four functions every `Waker` is made of. The data pointer is the
/// task's header; what differs between tasks is behind `header.vtable`.
static WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone, wake, wake_by_ref, drop_waker);

/// The header behind a waker's data pointer.
///
/// # Safety
/// `data` is the header of a live task.
unsafe fn header<'a>(data: *const ()) -> &'a Header {
    // SAFETY: the caller's waker holds a reference, so the task is alive.
    unsafe { &*data.cast::<Header>() }
}

/// The task pointer back from the data pointer. It keeps the provenance of
/// the whole allocation (a pointer made from `&Header` would cover only the
/// header, and freeing the task through it would be undefined behaviour).
fn task_ptr(data: *const ()) -> NonNull<Header> {
    NonNull::new(data.cast_mut().cast()).expect("a waker's data is never null")
}

/// `waker.clone()`: one more reference, the same task.
unsafe fn clone(data: *const ()) -> RawWaker {
    // SAFETY: a waker of a live task is calling.
    unsafe { header(data) }.state.ref_inc();
    RawWaker::new(data, &WAKER_VTABLE)
}

/// `waker.wake()`: consumes the waker, and so its reference.
unsafe fn wake(data: *const ()) {
    // SAFETY: a waker of a live task is calling.
    let header = unsafe { header(data) };
    let ptr = task_ptr(data);
    match header.state.wake_by_val() {
        WakeByVal::Nothing => {}
        // SAFETY: the waker's reference moves into the queued task.
        WakeByVal::Schedule => unsafe { (header.vtable.schedule)(ptr) },
        // SAFETY: the waker held the last reference.
        WakeByVal::Dealloc => unsafe { (header.vtable.dealloc)(ptr) },
    }
}

/// `waker.wake_by_ref()`: the waker keeps its reference; a queued task
/// gets a new one.
unsafe fn wake_by_ref(data: *const ()) {
    // SAFETY: a waker of a live task is calling.
    let header = unsafe { header(data) };
    if header.state.wake_by_ref() {
        // SAFETY: `wake_by_ref` counted a reference for the queued task.
        unsafe { (header.vtable.schedule)(task_ptr(data)) }
    }
}

/// `drop(waker)`: one reference fewer; the last one frees the task.
unsafe fn drop_waker(data: *const ()) {
    // SAFETY: a waker of a live task is calling.
    let header = unsafe { header(data) };
    if header.state.ref_dec() {
        // SAFETY: that was the last reference.
        unsafe { (header.vtable.dealloc)(task_ptr(data)) }
    }
}
// ANCHOR_END: vtable

// ANCHOR: borrowed
/// The waker a task's poll sees. It counts no reference of its own: the
/// runner's reference keeps the task alive while it polls, and
/// `ManuallyDrop` keeps its drop from giving one back. A future that wants
/// to keep it clones it, which counts one.
///
/// # Safety
/// `ptr` is a live task, and stays alive while the waker is in use.
pub unsafe fn borrowed(ptr: NonNull<Header>) -> ManuallyDrop<Waker> {
    let raw = RawWaker::new(ptr.as_ptr().cast_const().cast(), &WAKER_VTABLE);
    // SAFETY: the four functions above keep the contract of
    // `RawWakerVTable` for this data pointer.
    ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
}
// ANCHOR_END: borrowed

/// The state word of the task behind `waker`, if it is one of ours.
pub fn task_state(waker: &Waker) -> Option<Snapshot> {
    if !ptr::eq(waker.vtable(), &WAKER_VTABLE) {
        return None;
    }
    // SAFETY: one of our wakers: its data is a live task's header.
    Some(unsafe { header(waker.data()) }.state.load())
}
