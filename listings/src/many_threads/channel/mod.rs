//! Chapter 35: an async channel. `bounded` is the book's bounded mpsc
//! channel: a buffer, a line of senders waiting for a slot, the receiver's
//! waker, all under one short std `Mutex`. `demo` holds the programs the
//! chapter runs on our channel and on `tokio::sync::mpsc`, on Part VI's
//! runtime and on Tokio's current-thread runtime.
//!
//! `bounded.rs` names its lock by a `listings::many_threads::channel::sync`
//! path, so that it also compiles in `loom-checks/`, where `sync` leads to
//! loom's types.

/// Chapter 35: a bounded multi-producer, single-consumer channel. A full
/// channel makes `send` wait (backpressure): the sender joins a FIFO line,
/// and a slot freed by the receiver is handed to the oldest sender in it.
/// An empty one makes `recv` wait, with the receiver's waker stored. Either
/// side can close it. `reserve` takes a slot first and returns a `Permit`
/// whose `send` cannot fail or wait, which is what makes it safe to race in
/// a `select!`.
pub mod bounded;
pub mod demo;

// The exercise of chapter 35. With `--features starter` the reader's starter
// (`listings/exercises/`) stands in for the book's solution.
#[cfg(not(feature = "starter"))]
pub mod recv_many;
#[cfg(feature = "starter")]
#[path = "../../../exercises/many_threads/channel/recv_many.rs"]
pub mod recv_many;

pub use bounded::{
    Permit, Receiver, Reserve, SendError, Sender, Snapshot, TrySendError, channel,
};

/// The blocking lock and the shared pointer `bounded.rs` uses: std's here;
/// loom's in `loom-checks/`, which compiles the same file.
pub mod sync {
    pub use std::sync::{Arc, Mutex};
}
