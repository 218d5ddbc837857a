//! Chapter 36: an async mutex. `fair` is the book's mutex: a FIFO queue of
//! waiters, and an unlock that hands the lock to the first of them.
//! `barging` is the unfair variant it is measured against, `deadlock` the
//! std `Mutex` held across an `.await`, and `demo` the programs the
//! chapter runs on every mutex and runtime.
//!
//! Each file names the others by `listings::many_threads::mutex::...`
//! paths, so that `fair.rs` also compiles in `loom-checks/`, where `sync`
//! leads to loom's types.

pub mod barging;
pub mod deadlock;
pub mod demo;
/// Chapter 36: an async mutex with a FIFO queue of waiters. `lock` returns a
/// future; a task that finds the lock taken leaves its waker at the back of
/// the queue and returns `Pending`. Unlocking does not set the lock free
/// while someone waits: it hands the lock to the first waiter and wakes it,
/// so nobody who asks later can take it first. A waiter that is dropped
/// before it gets its guard passes its turn on.
pub mod fair;

pub use fair::{Lock, Mutex, MutexGuard};

// The exercise of chapter 36. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod semaphore;
#[cfg(feature = "starter")]
#[path = "../../../exercises/many_threads/mutex/semaphore.rs"]
pub mod semaphore;

/// The blocking lock and the cell `fair.rs` uses: std's here; loom's in
/// `loom-checks/`, which compiles the same file.
pub mod sync {
    pub use std::sync::Mutex;

    /// std's `UnsafeCell` with the closure API of loom's, so that one
    /// source compiles against both: every access to the data goes through
    /// `with` or `with_mut`, which loom checks and std compiles away.
    #[derive(Debug, Default)]
    pub struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

    impl<T> UnsafeCell<T> {
        /// A cell holding `value`.
        pub const fn new(value: T) -> UnsafeCell<T> {
            UnsafeCell(std::cell::UnsafeCell::new(value))
        }

        /// Calls `f` with a pointer for reading.
        pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
            f(self.0.get())
        }

        /// Calls `f` with a pointer for writing.
        pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
            f(self.0.get())
        }

        /// The value, out of the cell.
        pub fn into_inner(self) -> T {
            self.0.into_inner()
        }
    }
}
