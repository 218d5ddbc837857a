//! Chapters 30 and 31: a task by hand. One allocation holds the task's state
//! word, its future and then its output, and its scheduler; wakers and the
//! `JoinHandle` are pointers to it, counted in the state word.
//!
//! Each file names the others by `listings::engine::task::...` paths, as
//! the book's examples do, so that each compiles on its own in a chapter.

pub mod blocking;
pub mod demo;
pub mod header;
pub mod join;
pub mod queue;
pub mod raw;
pub mod schedule;
pub mod state;
pub mod waker;

pub use join::{JoinError, JoinHandle};
pub use raw::spawn;
pub use schedule::{Notified, Schedule};
pub use state::Snapshot;

/// The atomics `state.rs` uses: std's here; loom's in `loom-checks/`, which
/// compiles the same file.
pub mod sync {
    pub use std::sync::atomic::{AtomicUsize, Ordering};
}
