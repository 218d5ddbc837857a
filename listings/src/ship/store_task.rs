//! The exercise of chapter 38 and its solution (shown in the appendix): the
//! store as a task that owns the map, reached through a bounded channel of
//! requests, each carrying a oneshot channel for its reply.

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::{Handler, apply_to};

// ANCHOR: solution
// ANCHOR: exercise
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
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let (requests, queue) = mpsc::channel(capacity);
        (StoreTask { requests }, tokio::spawn(own_the_map(queue)))
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}

impl Handler for StoreTask {
    /// Sends the command to the task and waits for its reply.
    async fn call(&self, command: Command) -> Reply {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let (reply, answer) = oneshot::channel();
        let request = Request { command, reply };
        let Ok(()) = self.requests.send(request).await else {
            panic!("the store task has stopped, but it outlives every handle");
        };
        answer.await.expect("the task answers every request it takes")
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR: cut

/// The task: the only code that touches the map, one request at a time.
async fn own_the_map(mut queue: mpsc::Receiver<Request>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    while let Some(Request { command, reply }) = queue.recv().await {
        // The caller may have stopped waiting (a request timeout dropped
        // its future): the command still happened, and nobody is told.
        let _ = reply.send(apply_to(&mut map, command));
    }
    map
}
// ANCHOR_END: cut
// ANCHOR_END: solution
