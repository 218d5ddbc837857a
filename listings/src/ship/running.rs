//! A server on a multi-thread runtime of its own, on a thread of its own,
//! so that blocking clients on other threads can talk to it: the tests of
//! chapters 39 and 40 and the programs of chapter 40 start it this way.

use std::io;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use tokio::runtime::{Builder, Handle};
use tokio_util::sync::CancellationToken;

use listings::ship::config::Config;
use listings::ship::server::{Server, Summary};
use listings::ship::store::Handler;

/// How long a stop waits for the server's thread before it reports a hang.
pub const STOP_LIMIT: Duration = Duration::from_secs(10);

// ANCHOR: running
/// A server running on `workers` worker threads.
pub struct Running {
    pub addr: SocketAddr,
    handle: Handle,
    shutdown: CancellationToken,
    summary: mpsc::Receiver<Summary>,
}

impl Running {
    pub fn start<H: Handler>(
        handler: H,
        config: Config,
        workers: usize,
    ) -> io::Result<Running> {
        let runtime =
            Builder::new_multi_thread().worker_threads(workers).enable_all().build()?;
        let server = runtime.block_on(Server::bind("127.0.0.1:0", config))?;
        let addr = server.local_addr()?;
        let handle = runtime.handle().clone();
        let shutdown = CancellationToken::new();
        let (done, summary) = mpsc::channel();
        let token = shutdown.clone();
        thread::spawn(move || {
            let serving = runtime.spawn(server.run(handler, token));
            let summary = runtime.block_on(serving).expect("the server task panicked");
            let _ = done.send(summary);
            runtime.shutdown_timeout(STOP_LIMIT);
        });
        Ok(Running { addr, handle, shutdown, summary })
    }
    // ANCHOR_END: running

    /// The runtime, to spawn tasks of a test's own beside the server.
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Shuts the server down and returns its summary, or an error if it
    /// has not returned within [`STOP_LIMIT`].
    pub fn stop(self) -> io::Result<Summary> {
        self.cancel();
        self.summary()
    }

    /// Cancels the server's token and returns at once: the shutdown goes
    /// on while the caller does something else.
    pub fn cancel(&self) {
        self.shutdown.cancel();
    }

    /// Waits for `run` to return, once the token has been cancelled, for
    /// at most [`STOP_LIMIT`].
    pub fn summary(self) -> io::Result<Summary> {
        self.summary.recv_timeout(STOP_LIMIT).map_err(|_| {
            io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the server did not stop within {STOP_LIMIT:?}"),
            )
        })
    }
}
