//! The accept loop: a task per connection, a limit on how many, and a
//! shutdown that stops accepting, waits, then drops what is left.

use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;
use tracing::{Instrument, info, info_span, warn};

use listings::ship::config::Config;
use listings::ship::connection::{Ending, linger, serve};
use listings::ship::protocol::{Problem, Reply};
use listings::ship::store::Handler;

/// What the server did, counted when it returns.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub accepted: usize,
    /// Told `ERR busy` and closed: the limit was reached.
    pub refused: usize,
    /// How each connection that finished ended.
    pub endings: BTreeMap<Ending, usize>,
    /// Still open at the shutdown deadline, and dropped.
    pub dropped: usize,
}

pub struct Server {
    listener: TcpListener,
    config: Config,
}

impl Server {
    pub async fn bind(addr: impl ToSocketAddrs, config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(addr).await?;
        Ok(Server { listener, config })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    // ANCHOR: run
    /// Serves until `shutdown` is cancelled, then stops accepting, gives the
    /// open connections `shutdown_deadline` to finish, and drops the rest.
    pub async fn run<H: Handler>(
        self,
        handler: H,
        shutdown: CancellationToken,
    ) -> Summary {
        let Server { listener, config } = self;
        let limit = Arc::new(Semaphore::new(config.max_connections));
        let mut connections = JoinSet::new();
        let mut summary = Summary::default();
        let mut next_id = 0u64;
        loop {
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => break,
                Some(done) = connections.join_next() => summary.count(done),
                accepted = listener.accept() => {
                    let (stream, peer) = match accepted {
                        Ok(accepted) => accepted,
                        Err(error) => {
                            warn!(%error, "accept failed");
                            continue;
                        }
                    };
                    next_id += 1;
                    let span = info_span!("conn", id = next_id);
                    let Ok(permit) = limit.clone().try_acquire_owned() else {
                        summary.refused += 1;
                        connections.spawn(refuse(stream, config.clone()).instrument(span));
                        continue;
                    };
                    summary.accepted += 1;
                    let handler = handler.clone();
                    let config = config.clone();
                    let shutdown = shutdown.clone();
                    connections.spawn(
                        async move {
                            info!(%peer, "accepted");
                            let ending = serve(stream, handler, config, shutdown).await;
                            info!(?ending, "closed");
                            drop(permit);
                            Some(ending)
                        }
                        .instrument(span),
                    );
                }
            }
        }
        drop(listener);
        info!(open = connections.len(), "shutting down: no longer accepting");
        let drained = timeout(config.shutdown_deadline, async {
            while let Some(done) = connections.join_next().await {
                summary.count(done);
            }
        });
        if drained.await.is_err() {
            summary.dropped = connections.len();
            warn!(dropped = summary.dropped, "deadline passed: dropping connections");
            connections.shutdown().await;
        }
        info!("shut down");
        summary
    }
    // ANCHOR_END: run
}

// ANCHOR: refuse
/// Past the limit: one line, then close. The write has a limit too, so a
/// refused client that never reads cannot hold its task.
async fn refuse(mut stream: TcpStream, config: Config) -> Option<Ending> {
    info!("refused: at the connection limit");
    let line = format!("{}\n", Reply::Error(Problem::Busy));
    let written =
        timeout(config.request_timeout, stream.write_all(line.as_bytes())).await;
    if let Ok(Ok(())) = written {
        let _ = stream.shutdown().await;
        linger(stream, config.request_timeout).await;
    }
    None
}
// ANCHOR_END: refuse

impl Summary {
    fn count(&mut self, done: Result<Option<Ending>, tokio::task::JoinError>) {
        match done {
            Ok(Some(ending)) => *self.endings.entry(ending).or_default() += 1,
            Ok(None) => {}
            Err(error) => warn!(%error, "a connection task failed"),
        }
    }
}
