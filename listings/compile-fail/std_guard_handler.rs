use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::Handler;

// ANCHOR: main
#[derive(Clone, Default)]
struct SlowStore {
    map: Arc<Mutex<HashMap<String, String>>>,
}

impl Handler for SlowStore {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let map = Arc::clone(&self.map);
        async move {
            let mut map = map.lock().unwrap();
            // A pause, say to write the change somewhere, with the guard held.
            tokio::time::sleep(Duration::from_millis(1)).await;
            match command {
                Command::Set(key, value) => {
                    map.insert(key, value);
                    Reply::Stored
                }
                _ => Reply::Pong,
            }
        }
    }
}
// ANCHOR_END: main

fn main() {}
