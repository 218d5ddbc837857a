//! A server of Part VIII running on a multi-thread Tokio runtime of its own
//! thread, for chapter 39's tests: start it, talk to it with the blocking
//! clients of `listings::ship::clients`, shut it down, read its summary.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use listings::ship::config::Config;
use listings::ship::server::{Server, Summary};
use listings::ship::store::Handler;
use tokio_util::sync::CancellationToken;

/// How long a test waits for the server to do something it must do.
pub const LIMIT: Duration = Duration::from_secs(10);

/// A limit that must never fire in a test, however loaded the machine.
pub const LONG: Duration = Duration::from_secs(10);

/// A limit a test wants to fire.
pub const SHORT: Duration = Duration::from_millis(200);

pub struct Running {
    pub addr: SocketAddr,
    pub shutdown: CancellationToken,
    summary: mpsc::Receiver<Summary>,
}

/// A configuration whose every limit is long: a test shortens the one it
/// is about.
pub fn patient() -> Config {
    Config {
        max_connections: 512,
        idle_timeout: LONG,
        request_timeout: LONG,
        shutdown_deadline: LONG,
        ..Config::default()
    }
}

/// Starts a server on 127.0.0.1, on a runtime with two worker threads.
pub fn start<H: Handler>(config: Config, handler: H) -> Running {
    let (addr_tx, addr_rx) = mpsc::channel();
    let (summary_tx, summary) = mpsc::channel();
    let shutdown = CancellationToken::new();
    let token = shutdown.clone();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let server = Server::bind("127.0.0.1:0", config).await.expect("bind");
            addr_tx.send(server.local_addr().expect("an address")).unwrap();
            let _ = summary_tx.send(server.run(handler, token).await);
        });
    });
    let addr = addr_rx.recv_timeout(LIMIT).expect("the server started");
    Running { addr, shutdown, summary }
}

impl Running {
    /// Cancels the token and waits for `run` to return its summary.
    pub fn shut_down(self) -> Summary {
        self.shutdown.cancel();
        self.summary()
    }

    /// Waits for `run` to return, once something else has cancelled it.
    pub fn summary(self) -> Summary {
        self.summary
            .recv_timeout(LIMIT)
            .unwrap_or_else(|_| panic!("the server did not return within {LIMIT:?}"))
    }
}

/// Waits until `done` holds, checking every few milliseconds, for at most
/// LIMIT; fails naming `what`.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < LIMIT, "{what}: not within {LIMIT:?}");
        thread::sleep(Duration::from_millis(5));
    }
}
