//! Chapter 36: the failure the chapter starts from. Two tasks on Tokio's
//! current-thread runtime share a std `Mutex`; the first holds the guard
//! across an `.await`, and the second blocks the runtime's only thread in
//! `lock()`. Nothing else can ever poll the first task, so the program
//! cannot finish: no timer, no other thread, no other task.

use std::rc::Rc;
use std::sync::{Mutex, TryLockError};
use std::thread::{self, ThreadId};

use listings::engine::task::demo::yield_now;

/// What the two tasks report, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Task a holds the guard, on this thread, and is about to await.
    AHolds(ThreadId),
    /// Task b's `try_lock` found the lock taken, on this thread.
    BWouldBlock(ThreadId),
    /// Task b calls `lock()`, which blocks the thread.
    BBlocks,
    /// Task a was polled again (never happens).
    AResumes,
    /// Task b got the guard (never happens).
    BLocked,
}

// ANCHOR: deadlock
/// Runs the two tasks; `report` hears each step. Never returns.
#[allow(clippy::await_holding_lock)] // the lint warns of exactly this
pub fn std_guard_across_await(report: impl Fn(Step) + 'static) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let tasks = tokio::task::LocalSet::new(); // tasks that stay on this thread
    let (shared, report) = (Rc::new(Mutex::new(0)), Rc::new(report));

    let (mutex, log) = (Rc::clone(&shared), Rc::clone(&report));
    tasks.spawn_local(async move {
        let mut count = mutex.lock().unwrap();
        log(Step::AHolds(thread::current().id()));
        yield_now().await; // the guard is held across this .await
        log(Step::AResumes);
        *count += 1;
    });

    let (mutex, log) = (shared, report);
    tasks.spawn_local(async move {
        if let Err(TryLockError::WouldBlock) = mutex.try_lock() {
            log(Step::BWouldBlock(thread::current().id()));
        }
        log(Step::BBlocks);
        let mut count = mutex.lock().unwrap(); // blocks the only thread
        log(Step::BLocked);
        *count += 1;
    });

    runtime.block_on(tasks);
}
// ANCHOR_END: deadlock
