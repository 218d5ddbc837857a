//! Chapter 34: a work-stealing scheduler for Part VI's task. `queue` holds
//! the queues (a bounded local queue per worker that others steal half of,
//! and the shared inject queue), `park` the way an idle worker sleeps (a
//! naive version that loses a wake-up, and the fix), `runtime` the workers
//! and the `Schedule` implementation, and `demo` the programs the chapter
//! runs on it.
//!
//! Each file names the others by `listings::many_threads::steal::...`
//! paths, so that `queue.rs` and `park.rs` also compile in `loom-checks/`,
//! where `sync` leads to loom's types.

/// Chapter 34: a worker's bounded local queue, with `steal_half`, and the
/// shared inject queue.
pub mod queue;

/// Chapter 34: parking an idle worker: the naive sleep that loses a
/// wake-up, and the one that re-checks for work after announcing itself.
pub mod park;

pub mod demo;
pub mod runtime;

// The exercise of chapter 34. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod pop_share;
#[cfg(feature = "starter")]
#[path = "../../../exercises/many_threads/steal/pop_share.rs"]
pub mod pop_share;

pub use runtime::{Builder, Handle, Parking, Runtime, Stats};

/// The blocking primitives `queue.rs` and `park.rs` use: std's here; loom's
/// in `loom-checks/`, which compiles the same files.
pub mod sync {
    pub use std::sync::{Condvar, Mutex};
}
