//! Chapter 30: the task's one allocation, and the code that runs it, one
//! function per entry of the header's vtable. The `unsafe` here is checked
//! under Miri (`ci/miri.sh`).

use std::any::Any;
use std::cell::UnsafeCell;
use std::future::Future;
use std::mem;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll, Waker};

use listings::engine::task::header::{Header, Vtable};
use listings::engine::task::join::JoinError;
use listings::engine::task::state::{
    AfterPending, COMPLETE, JOIN_INTEREST, JOIN_WAKER, Snapshot, StartPoll, State,
};
use listings::engine::task::{JoinHandle, Notified, Schedule, waker};

// ANCHOR: cell
/// The whole task, in one allocation. `repr(C)` puts the header first,
/// so a pointer to the cell is a pointer to its header, and back.
#[repr(C)]
struct Cell<F: Future, S> {
    header: Header,
    scheduler: S,
    /// Belongs to whoever set RUNNING; once COMPLETE, to the `JoinHandle`.
    stage: UnsafeCell<Stage<F>>,
    /// Written by the `JoinHandle` while JOIN_WAKER is clear, read by the
    /// runner once it is set.
    join_waker: UnsafeCell<Option<Waker>>,
}

/// What the task holds: its future, then in the same place its output.
enum Stage<F: Future> {
    Running(F),
    Finished(Result<F::Output, JoinError>),
    Consumed,
}
// ANCHOR_END: cell

// ANCHOR: allocate
/// Makes the task: one `Box`, leaked until the last reference is dropped.
fn allocate<F, S>(future: F, scheduler: S) -> NonNull<Header>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let cell = Box::new(Cell {
        header: Header { state: State::new(), vtable: vtable::<F, S>() },
        scheduler,
        stage: UnsafeCell::new(Stage::Running(future)),
        join_waker: UnsafeCell::new(None),
    });
    NonNull::from(Box::leak(cell)).cast()
}

/// Makes a task: one allocation, holding `future` and `scheduler`. Returns
/// the task, to be put in a queue for its first poll, and its handle.
pub fn spawn<F, S>(future: F, scheduler: S) -> (Notified, JoinHandle<F::Output>)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    let ptr = allocate(future, scheduler);
    // SAFETY: a new task counts two references, one for each of these.
    unsafe { (Notified::from_raw(ptr), JoinHandle::from_raw(ptr)) }
}

/// One table per type of task, built at compile time.
fn vtable<F, S>() -> &'static Vtable
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
    S: Schedule,
{
    &Vtable {
        run: run::<F, S>,
        schedule: schedule::<F, S>,
        dealloc: dealloc::<F, S>,
        read_output: read_output::<F, S>,
        drop_join_handle: drop_join_handle::<F, S>,
    }
}

/// # Safety
/// The reference count has just reached zero: nobody else can reach the
/// task any more.
unsafe fn dealloc<F: Future, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: the pointer came from `Box::leak` in `allocate`, and this is
    // the only call for it, made by whoever dropped the last reference.
    // Dropping the cell drops what is left in it: the scheduler, and the
    // future of a task that never completed (its queued task was dropped
    // unrun, or its last waker let go). An output and a join waker are
    // gone by then: the handle or the runner dropped each (chapter 31).
    drop(unsafe { Box::from_raw(ptr.cast::<Cell<F, S>>().as_ptr()) });
}
// ANCHOR_END: allocate

/// A typed view of a task, for the functions of its vtable. It reaches each
/// field through the raw pointer, never through a reference to the whole
/// cell: while the future runs with `&mut` to the stage, a waker may read
/// the header.
struct Task<F: Future, S> {
    cell: NonNull<Cell<F, S>>,
}

impl<F: Future, S: Schedule> Task<F, S> {
    /// # Safety
    /// `ptr` is a live task made by `allocate::<F, S>`.
    unsafe fn from_header(ptr: NonNull<Header>) -> Task<F, S> {
        Task { cell: ptr.cast() }
    }

    fn header_ptr(&self) -> NonNull<Header> {
        self.cell.cast()
    }

    fn state(&self) -> &State {
        // SAFETY: the task is alive (`from_header`), and the header is
        // only ever read through shared references.
        unsafe { &(*self.cell.as_ptr()).header.state }
    }

    fn scheduler(&self) -> &S {
        // SAFETY: as for `state`; the scheduler is never written.
        unsafe { &(*self.cell.as_ptr()).scheduler }
    }

    fn stage(&self) -> *mut Stage<F> {
        // SAFETY: a field of a live cell; no reference is made here.
        unsafe { UnsafeCell::raw_get(&raw const (*self.cell.as_ptr()).stage) }
    }

    fn join_waker(&self) -> *mut Option<Waker> {
        // SAFETY: as for `stage`.
        unsafe { UnsafeCell::raw_get(&raw const (*self.cell.as_ptr()).join_waker) }
    }
}

// ANCHOR: set_stage
/// Runs `work`, which calls code the task does not control (a `Drop`, a
/// waker), and catches its panic, so that the runner's steps still run.
fn catch_panic(work: impl FnOnce()) -> Result<(), Box<dyn Any + Send>> {
    panic::catch_unwind(AssertUnwindSafe(work))
}

impl<F: Future, S: Schedule> Task<F, S> {
    /// Replaces the stage, dropping what was there, and catches a panic of
    /// that drop (a future's or an output's `Drop` may panic).
    ///
    /// # Safety
    /// The caller owns the stage: it holds RUNNING, or it is the
    /// `JoinHandle` of a COMPLETE task, or it frees the task.
    unsafe fn set_stage(&self, stage: Stage<F>) -> Result<(), Box<dyn Any + Send>> {
        let slot = self.stage();
        // SAFETY: the caller owns the stage. Should the old stage's drop
        // panic, the assignment still writes `stage` as the panic unwinds,
        // so nothing is left to be dropped twice.
        catch_panic(|| unsafe { *slot = stage })
    }
}
// ANCHOR_END: set_stage

// ANCHOR: run
/// Runs a queued task: start the poll, poll, and act on what the state
/// word says afterwards. Uses up the queued task's reference. Returns
/// whether the task completed (finished, panicked, or was cancelled).
unsafe fn run<F: Future, S: Schedule>(ptr: NonNull<Header>) -> bool {
    // SAFETY: the queued task's reference keeps the task alive.
    let task = unsafe { Task::<F, S>::from_header(ptr) };
    if task.state().start_poll() == StartPoll::Cancel {
        // SAFETY: RUNNING is ours.
        unsafe { cancel(task) };
        return true;
    }
    // The waker the future sees: the runner's reference keeps the task
    // alive during the poll, so this waker does not count one of its own.
    // SAFETY: `ptr` is a live task.
    let waker = unsafe { waker::borrowed(ptr) };
    let mut cx = Context::from_waker(&waker);
    // SAFETY: RUNNING is ours, so the future is ours to poll.
    let polled = panic::catch_unwind(AssertUnwindSafe(|| unsafe {
        poll_future(&task, &mut cx)
    }));
    match polled {
        Ok(Poll::Pending) => match task.state().finish_pending() {
            AfterPending::Idle => false,
            AfterPending::Dealloc => {
                // SAFETY: the state word says ours was the last reference.
                unsafe { dealloc::<F, S>(ptr) };
                false
            }
            AfterPending::Reschedule => {
                // SAFETY: our reference becomes the queued task's.
                unsafe { schedule::<F, S>(ptr) };
                false
            }
            AfterPending::Cancel => {
                // SAFETY: still RUNNING: the future is ours to drop.
                unsafe { cancel(task) };
                true
            }
        },
        Ok(Poll::Ready(output)) => {
            // SAFETY: RUNNING is ours; drop the finished future now.
            let output = match unsafe { task.set_stage(Stage::Consumed) } {
                Ok(()) => Ok(output),
                Err(payload) => {
                    // Its `Drop` panicked: report that panic, and drop the
                    // output here, catching a panic of that drop too.
                    let _ = catch_panic(|| drop(output));
                    Err(JoinError::panic(payload))
                }
            };
            // SAFETY: still RUNNING.
            unsafe { complete(task, output) };
            true
        }
        Err(payload) => {
            // The future panicked inside `poll`: drop it (a second panic
            // from its `Drop` is dropped too), and report the first.
            // SAFETY: RUNNING is ours.
            let _ = unsafe { task.set_stage(Stage::Consumed) };
            // SAFETY: still RUNNING.
            unsafe { complete(task, Err(JoinError::panic(payload))) };
            true
        }
    }
}

/// # Safety
/// The caller holds RUNNING.
unsafe fn poll_future<F: Future, S: Schedule>(
    task: &Task<F, S>,
    cx: &mut Context<'_>,
) -> Poll<F::Output> {
    // SAFETY: RUNNING gives this thread the stage to itself.
    let Stage::Running(future) = (unsafe { &mut *task.stage() }) else {
        unreachable!("a task that is not complete still has its future");
    };
    // SAFETY: the future lives in the heap cell, which never moves; it is
    // dropped in place (by `set_stage` or `dealloc`), never moved out.
    unsafe { Pin::new_unchecked(future) }.poll(cx)
}

/// # Safety
/// `ptr` is a live task and the caller gives up one reference, which the
/// queued task takes over.
unsafe fn schedule<F: Future, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: the caller's reference keeps the task alive.
    let task = unsafe { Task::<F, S>::from_header(ptr) };
    // The scheduler lives inside the task. Should it drop the task it is
    // given (a queue that is shut down), that must not free the scheduler
    // while `schedule` still runs: hold one more reference meanwhile.
    task.state().ref_inc();
    // SAFETY: the caller's reference becomes the queued task's.
    task.scheduler().schedule(unsafe { Notified::from_raw(ptr) });
    if task.state().ref_dec() {
        // SAFETY: that was the last reference.
        unsafe { dealloc::<F, S>(ptr) }
    }
}
// ANCHOR_END: run

// ANCHOR: complete
/// Drops the future of an aborted task, on the runner's thread, and
/// completes the task with a cancelled error.
///
/// # Safety
/// The caller holds RUNNING and the runner's reference.
unsafe fn cancel<F: Future, S: Schedule>(task: Task<F, S>) {
    // SAFETY: RUNNING is ours.
    let output = match unsafe { task.set_stage(Stage::Consumed) } {
        Ok(()) => Err(JoinError::cancelled()),
        Err(payload) => Err(JoinError::panic(payload)),
    };
    // SAFETY: still RUNNING.
    unsafe { complete(task, output) }
}

/// Stores the output, sets COMPLETE, tells the `JoinHandle`, and drops the
/// runner's reference.
///
/// # Safety
/// The caller holds RUNNING and the runner's reference; the future is gone.
unsafe fn complete<F: Future, S: Schedule>(
    task: Task<F, S>,
    output: Result<F::Output, JoinError>,
) {
    // SAFETY: RUNNING is ours; the stage is `Consumed`, so nothing drops.
    let _ = unsafe { task.set_stage(Stage::Finished(output)) };
    let after = task.state().complete();
    if !after.has(JOIN_INTEREST) {
        // Detached: the handle is gone, so nobody will read the output.
        // Drop it here, on the runner's thread.
        // SAFETY: without JOIN_INTEREST, the stage stays ours.
        let _ = unsafe { task.set_stage(Stage::Consumed) };
    } else if after.has(JOIN_WAKER) {
        // SAFETY: while JOIN_WAKER is set, the handle does not write the
        // waker, and COMPLETE stops it from setting a new one.
        if let Some(waker) = unsafe { &*task.join_waker() } {
            // The handle's waker is anyone's code: should it panic, the
            // runner still lets go of it and of its reference below.
            let _ = catch_panic(|| waker.wake_by_ref());
        }
        if !task.state().unset_join_waker_after_complete().has(JOIN_INTEREST) {
            // The handle was dropped meanwhile and left the waker to us.
            // SAFETY: without JOIN_INTEREST or JOIN_WAKER nobody else
            // touches it.
            let _ = catch_panic(|| unsafe { *task.join_waker() = None });
        }
    }
    if task.state().ref_dec() {
        // SAFETY: that was the last reference.
        unsafe { dealloc::<F, S>(task.header_ptr()) }
    }
}
// ANCHOR_END: complete

// ANCHOR: read_output
/// # Safety
/// Called by the task's `JoinHandle`; `dst` points to a
/// `Poll<Result<F::Output, JoinError>>`.
unsafe fn read_output<F: Future, S: Schedule>(
    ptr: NonNull<Header>,
    dst: *mut (),
    waker: &Waker,
) {
    // SAFETY: the handle's reference keeps the task alive.
    let task = unsafe { Task::<F, S>::from_header(ptr) };
    if !can_read_output(&task, waker) {
        return;
    }
    // SAFETY: COMPLETE with JOIN_INTEREST: the stage belongs to the handle.
    let stage = mem::replace(unsafe { &mut *task.stage() }, Stage::Consumed);
    let Stage::Finished(output) = stage else {
        panic!("a JoinHandle was polled after it returned the task's output");
    };
    let dst = dst.cast::<Poll<Result<F::Output, JoinError>>>();
    // SAFETY: the caller passes a valid place of that type.
    unsafe { *dst = Poll::Ready(output) };
}

/// True if the task is complete; otherwise leaves `waker` in the task, for
/// the runner to wake when it completes.
fn can_read_output<F: Future, S: Schedule>(task: &Task<F, S>, waker: &Waker) -> bool {
    let now = task.state().load();
    if now.has(COMPLETE) {
        return true;
    }
    let stored = if now.has(JOIN_WAKER) {
        // SAFETY: with JOIN_WAKER set the runner may read the waker too,
        // so only read it here.
        let same = unsafe { &*task.join_waker() }
            .as_ref()
            .is_some_and(|stored| stored.will_wake(waker));
        if same {
            return false;
        }
        // Take it back (fails if the task completed meanwhile), then store.
        task.state()
            .unset_join_waker()
            .and_then(|_| set_join_waker(task, waker.clone()))
    } else {
        set_join_waker(task, waker.clone())
    };
    match stored {
        Ok(_) => false,
        Err(now) => {
            assert!(now.has(COMPLETE));
            true
        }
    }
}

/// Writes the handle's waker, then publishes it with JOIN_WAKER; takes it
/// back out if the task completed first.
fn set_join_waker<F: Future, S: Schedule>(
    task: &Task<F, S>,
    waker: Waker,
) -> Result<Snapshot, Snapshot> {
    // SAFETY: JOIN_WAKER is clear and the task not complete: only the
    // handle touches the waker.
    unsafe { *task.join_waker() = Some(waker) };
    let published = task.state().set_join_waker();
    if published.is_err() {
        // SAFETY: COMPLETE without JOIN_WAKER: the runner did not and
        // will not read it.
        unsafe { *task.join_waker() = None };
    }
    published
}
// ANCHOR_END: read_output

// ANCHOR: drop_join_handle
/// # Safety
/// Called once, by the task's `JoinHandle`, which gives up its reference.
unsafe fn drop_join_handle<F: Future, S: Schedule>(ptr: NonNull<Header>) {
    // SAFETY: the handle's reference keeps the task alive.
    let task = unsafe { Task::<F, S>::from_header(ptr) };
    let dropped = task.state().drop_join_handle();
    if dropped.drop_output {
        // Complete before the handle let go: the output is the handle's
        // to drop, here, on the handle's thread.
        // SAFETY: COMPLETE, and the handle had JOIN_INTEREST.
        let _ = unsafe { task.set_stage(Stage::Consumed) };
    }
    if dropped.drop_waker {
        // SAFETY: JOIN_WAKER is clear: the runner will not read it.
        unsafe { *task.join_waker() = None };
    }
    if task.state().ref_dec() {
        // SAFETY: that was the last reference.
        unsafe { dealloc::<F, S>(ptr) }
    }
}
// ANCHOR_END: drop_join_handle
