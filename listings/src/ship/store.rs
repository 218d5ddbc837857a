//! The shared map, behind a std `Mutex` that no `.await` ever holds.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use listings::ship::protocol::{Command, Reply};

// ANCHOR: handler
/// What a connection asks to carry out a command. The store is one; the
/// broken variants of chapter 40 are others.
pub trait Handler: Clone + Send + Sync + 'static {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send;
}
// ANCHOR_END: handler

// ANCHOR: store
/// The key-value map every connection shares.
#[derive(Clone, Default)]
pub struct Store {
    map: Arc<Mutex<HashMap<String, String>>>,
}

impl Store {
    /// Carries out one command. The lock is held for one map operation,
    /// never across an `.await`: there is none in here.
    pub fn apply(&self, command: Command) -> Reply {
        apply_to(&mut self.map.lock().unwrap(), command)
    }
}

/// One command on a map: the store's rules, whoever owns the map.
pub fn apply_to(map: &mut HashMap<String, String>, command: Command) -> Reply {
    match command {
        Command::Ping => Reply::Pong,
        Command::Get(key) => match map.get(&key) {
            Some(value) => Reply::Value(value.clone()),
            None => Reply::Nothing,
        },
        Command::Set(key, value) => {
            map.insert(key, value);
            Reply::Stored
        }
        Command::Del(key) => match map.remove(&key) {
            Some(_) => Reply::Deleted,
            None => Reply::Nothing,
        },
        Command::Quit => Reply::Bye,
    }
}

impl Handler for Store {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        std::future::ready(self.apply(command))
    }
}
// ANCHOR_END: store

impl Store {
    /// A copy of the whole map, for tests that check nothing was lost.
    pub fn snapshot(&self) -> HashMap<String, String> {
        self.map.lock().unwrap().clone()
    }
}
