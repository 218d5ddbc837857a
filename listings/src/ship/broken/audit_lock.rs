//! A handler that keeps an audit log of every change, in order, behind a
//! `tokio::sync::Mutex` held across the write. When the write stalls, every
//! request that changes something waits for the lock.

use std::future::Future;
use std::sync::Arc;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Mutex;

use listings::ship::protocol::{Command, Reply};
use listings::ship::store::{Handler, Store};

// ANCHOR: audited
/// The store, with a log of every `SET` and `DEL` written to `sink` (a
/// socket to a log collector, say) in the order the store applied them.
pub struct Audited<W> {
    pub store: Store,
    log: Arc<Mutex<AuditLog<W>>>,
}

struct AuditLog<W> {
    sink: W,
    records: u64,
}

impl<W: AsyncWrite + Unpin + Send + 'static> Handler for Audited<W> {
    fn call(&self, command: Command) -> impl Future<Output = Reply> + Send {
        let this = self.clone();
        async move {
            if !matches!(command, Command::Set(..) | Command::Del(..)) {
                return this.store.apply(command);
            }
            let mut log = this.log.lock().await;
            log.records += 1;
            let record = format!("{} {command:?}\n", log.records);
            // The guard is held across this `.await`, so records go out in
            // the store's order; a dead sink loses the record, not the request.
            let _ = log.sink.write_all(record.as_bytes()).await;
            this.store.apply(command)
        }
    }
}
// ANCHOR_END: audited

impl<W> Audited<W> {
    pub fn new(store: Store, sink: W) -> Audited<W> {
        let log = AuditLog { sink, records: 0 };
        Audited { store, log: Arc::new(Mutex::new(log)) }
    }

    /// Whether a request holds the log's lock right now.
    pub fn is_locked(&self) -> bool {
        self.log.try_lock().is_err()
    }
}

impl<W> Clone for Audited<W> {
    fn clone(&self) -> Audited<W> {
        Audited { store: self.store.clone(), log: Arc::clone(&self.log) }
    }
}
