//! A handler that blocks its thread: every command but `PING` first makes a
//! synchronous call to a backend (a database driver without async, say),
//! and the test decides when that call returns.

use std::future::Future;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::{Handler, Store};

// ANCHOR: backend
/// A backend whose calls return only while it is open. It counts the calls
/// inside it, so a test can wait for a number of blocked calls instead of
/// guessing with a sleep.
#[derive(Clone, Default)]
pub struct Backend {
    shared: Arc<(Mutex<Gauge>, Condvar)>,
}

#[derive(Default)]
struct Gauge {
    open: bool,
    inside: usize,
    most_inside: usize,
    calls: usize,
}

impl Backend {
    /// The synchronous call: blocks the calling thread until the backend
    /// is open.
    pub fn call(&self) {
        let (gauge, changed) = &*self.shared;
        let mut gauge = gauge.lock().unwrap();
        gauge.calls += 1;
        gauge.inside += 1;
        gauge.most_inside = gauge.most_inside.max(gauge.inside);
        changed.notify_all();
        while !gauge.open {
            gauge = changed.wait(gauge).unwrap();
        }
        gauge.inside -= 1;
        changed.notify_all();
    }
}
// ANCHOR_END: backend

impl Backend {
    pub fn open() -> Backend {
        let backend = Backend::default();
        backend.set_open(true);
        backend
    }

    pub fn closed() -> Backend {
        Backend::default()
    }

    pub fn set_open(&self, open: bool) {
        let (gauge, changed) = &*self.shared;
        gauge.lock().unwrap().open = open;
        changed.notify_all();
    }

    /// Calls inside `call` right now.
    pub fn inside(&self) -> usize {
        self.shared.0.lock().unwrap().inside
    }

    /// The most calls that were ever inside at once.
    pub fn most_inside(&self) -> usize {
        self.shared.0.lock().unwrap().most_inside
    }

    /// Calls that ever entered.
    pub fn calls(&self) -> usize {
        self.shared.0.lock().unwrap().calls
    }

    /// Waits until exactly `inside` calls are inside, for at most `limit`;
    /// false if that did not happen.
    pub fn wait_until_inside(&self, inside: usize, limit: Duration) -> bool {
        let (gauge, changed) = &*self.shared;
        let deadline = Instant::now() + limit;
        let mut gauge = gauge.lock().unwrap();
        while gauge.inside != inside {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            gauge = changed.wait_timeout(gauge, left).unwrap().0;
        }
        true
    }
}

// ANCHOR: blocking
/// The store, behind a backend called the blocking way, inside `poll`.
#[derive(Clone)]
pub struct Blocking {
    pub store: Store,
    pub backend: Backend,
}

impl Blocking {
    /// What the handler does, as a plain function: `PING` answers at once,
    /// everything else waits for the backend first.
    pub fn apply_blocking(&self, command: Command) -> Reply {
        if command != Command::Ping {
            self.backend.call();
        }
        self.store.apply(command)
    }
}

impl Handler for Blocking {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let this = self.clone();
        async move { this.apply_blocking(command) }
    }
}
// ANCHOR_END: blocking

// ANCHOR: offloaded
/// The same handler, with the blocking part moved to Tokio's blocking pool.
#[derive(Clone)]
pub struct Offloaded(pub Blocking);

impl Handler for Offloaded {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let inner = self.0.clone();
        async move {
            let blocking =
                tokio::task::spawn_blocking(move || inner.apply_blocking(command));
            match blocking.await {
                Ok(reply) => reply,
                Err(error) => std::panic::resume_unwind(error.into_panic()),
            }
        }
    }
}
// ANCHOR_END: offloaded
