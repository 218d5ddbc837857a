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

pub mod engine;
pub mod in_depth;
pub mod many_threads;
pub mod own_futures;
pub mod reinventing;
pub mod state_machines;
