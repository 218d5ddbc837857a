// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/ship/store_task.rs.
//! The exercise of chapter 38 and its solution (shown in the appendix): the
//! store as a task that owns the map, reached through a bounded channel of
//! requests, each carrying a oneshot channel for its reply.

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::{Handler, apply_to};

/// One command, and where its reply goes.
pub struct Request {
    pub command: Command,
    pub reply: oneshot::Sender<Reply>,
}

/// A handle to the task that owns the map; clones reach the same task.
#[derive(Clone)]
pub struct StoreTask {
    requests: mpsc::Sender<Request>,
}

impl StoreTask {
    /// Spawns the task that owns the map, on the current runtime, with room
    /// for `capacity` requests waiting. The task ends when the last handle
    /// is dropped, and its `JoinHandle` gives back the map.
    pub fn spawn(capacity: usize) -> (StoreTask, JoinHandle<HashMap<String, String>>) {
        todo!()
    }
}

impl Handler for StoreTask {
    /// Sends the command to the task and waits for its reply.
    async fn call(&self, command: Command) -> Reply {
        todo!()
    }
}
