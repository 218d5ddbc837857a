// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/in_depth/queued_once.rs.
//! The exercise of chapter 26 and its solution (shown in the appendix):
//! chapter 23's runtime with a flag per task, like the NOTIFIED bit of
//! Tokio's state word, so that a task is in the queue at most once.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};

/// Your runtime. This placeholder only lets the starter compile: start
/// from chapter 23's `Runtime` and its `Job`.
pub struct Runtime;

impl Runtime {
    pub fn new() -> Runtime {
        todo!()
    }

    /// Queues `future` as a new task, as chapter 23's `spawn` does.
    pub fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        todo!()
    }

    /// Runs tasks until none is alive, as chapter 23's `run` does, except
    /// that a task woken several times before its next poll is queued, and
    /// polled, once. Returns how many polls it made.
    pub fn run(mut self) -> u32 {
        todo!()
    }
}

impl Default for Runtime {
    fn default() -> Runtime {
        Runtime::new()
    }
}
