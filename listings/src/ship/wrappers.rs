//! Handlers that wrap the store, for chapter 39: one that is slow on
//! purpose, one that holds a request until it is let go, one that counts.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::{Handler, Store};

// ANCHOR: slow
/// The store, except that `GET slow` sleeps for `delay` first. A call
/// dropped before it finishes is counted in `abandoned`.
#[derive(Clone)]
pub struct Slow {
    pub store: Store,
    pub delay: Duration,
    pub abandoned: Arc<AtomicUsize>,
}

impl Handler for Slow {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let slow = self.clone();
        async move {
            if command == Command::Get("slow".into()) {
                let unfinished = Unfinished(Some(&slow.abandoned));
                tokio::time::sleep(slow.delay).await;
                unfinished.finish();
            }
            slow.store.apply(command)
        }
    }
}
// ANCHOR_END: slow

/// Counts one abandoned call when dropped, unless `finish` ran first.
struct Unfinished<'a>(Option<&'a AtomicUsize>);

impl Unfinished<'_> {
    fn finish(mut self) {
        self.0 = None;
    }
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if let Some(abandoned) = self.0 {
            abandoned.fetch_add(1, Ordering::SeqCst);
        }
    }
}

// ANCHOR: held
/// The store, except that a `SET` whose key starts with `held` says so on
/// `arrived`, then waits for a permit of `release` before it is applied.
#[derive(Clone)]
pub struct Held {
    pub store: Store,
    pub release: Arc<Semaphore>,
    arrived: mpsc::UnboundedSender<String>,
}

impl Held {
    /// A store that holds its `held` requests, and the receiver that hears
    /// of each one as it arrives.
    pub fn new() -> (Held, mpsc::UnboundedReceiver<String>) {
        let (arrived, arrivals) = mpsc::unbounded_channel();
        let release = Arc::new(Semaphore::new(0));
        (Held { store: Store::default(), release, arrived }, arrivals)
    }
}

impl Handler for Held {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let held = self.clone();
        async move {
            let key = match &command {
                Command::Set(key, _) => Some(key.clone()),
                _ => None,
            };
            if let Some(key) = key.filter(|key| key.starts_with("held")) {
                let _ = held.arrived.send(key);
                held.release.acquire().await.expect("never closed").forget();
            }
            held.store.apply(command)
        }
    }
}
// ANCHOR_END: held

/// The store, counting every call it carries out.
#[derive(Clone, Default)]
pub struct Counted {
    pub store: Store,
    pub calls: Arc<AtomicUsize>,
}

impl Handler for Counted {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        self.calls.fetch_add(1, Ordering::SeqCst);
        std::future::ready(self.store.apply(command))
    }
}
