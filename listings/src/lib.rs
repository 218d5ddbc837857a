//! Every program of *Async Rust by Hand*.
//!
//! The programs the book runs are the examples in `listings/examples/`
//! (`cargo run --example NAME`). The modules here are the pieces the book
//! builds once and then reuses; each chapter shows them with the same
//! `listings::...` paths you would use from your own crate.

// Lets the modules name each other `listings::...`, exactly as the book's
// examples and snippets do.
extern crate self as listings;

pub mod block_on;
pub mod checkout;
pub mod db;
pub mod oneshot;
pub mod poll_count;
pub mod round_trip;
pub mod watchdog;

// The exercises of Part I (chapters 1 to 6). With `--features starter` the
// reader's starter (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod block_on_timeout;
#[cfg(feature = "starter")]
#[path = "../exercises/block_on_timeout.rs"]
pub mod block_on_timeout;
#[cfg(not(feature = "starter"))]
pub mod count_polls;
#[cfg(feature = "starter")]
#[path = "../exercises/count_polls.rs"]
pub mod count_polls;
#[cfg(not(feature = "starter"))]
pub mod give_back;
#[cfg(feature = "starter")]
#[path = "../exercises/give_back.rs"]
pub mod give_back;
#[cfg(not(feature = "starter"))]
pub mod last_first;
#[cfg(feature = "starter")]
#[path = "../exercises/last_first.rs"]
pub mod last_first;
#[cfg(not(feature = "starter"))]
pub mod latch;
#[cfg(feature = "starter")]
#[path = "../exercises/latch.rs"]
pub mod latch;
#[cfg(not(feature = "starter"))]
pub mod poll_at_most;
#[cfg(feature = "starter")]
#[path = "../exercises/poll_at_most.rs"]
pub mod poll_at_most;

pub mod engine;
pub mod in_depth;
pub mod many_threads;
pub mod own_futures;
pub mod reinventing;
pub mod ship;
pub mod state_machines;
