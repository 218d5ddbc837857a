//! The echo server on Tokio: `tokio::net`, a task per connection in a
//! `JoinSet`, and a `watch` channel that tells the accept loop and every
//! connection to stop.

use std::future::{Future, poll_fn};
use std::io;
use std::net::SocketAddr;
use std::pin::pin;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use listings::engine::echo::report::{Connection, Ending, Report};

/// A bound echo server, not yet running.
pub struct Server {
    listener: TcpListener,
    stop: watch::Receiver<bool>,
    progress: watch::Sender<Progress>,
}

/// The caller's side of a server: stop it, or wait until connections are
/// being served.
pub struct Control {
    stop: watch::Sender<bool>,
    progress: watch::Receiver<Progress>,
}

/// How many connection tasks have been polled, and how many have ended.
#[derive(Debug, Clone, Copy, Default)]
struct Progress {
    started: usize,
    ended: usize,
}

/// Binds a server to `addr`. A port already in use is the caller's error,
/// returned here (`AddrInUse`); nothing runs yet.
pub async fn bind(addr: SocketAddr) -> io::Result<(Server, Control)> {
    let listener = TcpListener::bind(addr).await?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let (progress_tx, progress_rx) = watch::channel(Progress::default());
    let server = Server { listener, stop: stop_rx, progress: progress_tx };
    Ok((server, Control { stop: stop_tx, progress: progress_rx }))
}

impl Control {
    /// Tells the server to stop: it closes its listener, closes every
    /// connection at its next wait, and returns once all have ended.
    /// Dropping the `Control` does the same.
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    /// Waits until `n` connection tasks have been polled once: each has
    /// ended or is waiting (for its client, usually). Tests and programs
    /// use it to order by cause.
    pub async fn started(&mut self, n: usize) {
        let _ = self.progress.wait_for(|p| p.started >= n).await;
    }

    /// Waits until `n` connection tasks have ended.
    pub async fn ended(&mut self, n: usize) {
        let _ = self.progress.wait_for(|p| p.ended >= n).await;
    }
}

impl Server {
    /// The address the server listens on (its port, if you bound port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    // ANCHOR: run
    /// Accepts connections until told to stop, each in a task of its own;
    /// then drops the listener, waits for every connection task, and says
    /// what happened.
    pub async fn run(self) -> Report {
        let Server { listener, stop, progress } = self;
        let mut told = stop.clone(); // the loop's own receiver; `stop` is cloned for each task
        let mut connections = JoinSet::new();
        let mut report = Report::default();
        loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => {
                        report.connections += 1;
                        let served = echo(stream, stop.clone());
                        connections.spawn(counting_polls(served, progress.clone()));
                    }
                    Err(error) => report.accept_errors.push(error.kind()),
                },
                Some(ended) = connections.join_next() => add(&mut report, ended),
                _ = told.wait_for(|stop| *stop) => break,
            }
        }
        drop(listener); // from here on, a new connect is refused
        while let Some(ended) = connections.join_next().await {
            add(&mut report, ended);
        }
        report
    }
    // ANCHOR_END: run
}

// ANCHOR: echo
/// Echoes one connection until the client closes its write half, then
/// closes ours. Told to stop, it stops at its next wait.
async fn echo(mut stream: TcpStream, mut stop: watch::Receiver<bool>) -> Connection {
    let mut buffer = vec![0; 16 * 1024];
    let mut bytes = 0;
    let ending = loop {
        let step = async {
            let n = stream.read(&mut buffer).await?;
            stream.write_all(&buffer[..n]).await?;
            Ok::<_, io::Error>(n)
        };
        tokio::select! {
            step = step => match step {
                Ok(0) => break Ending::Echoed,
                Ok(n) => bytes += n as u64,
                Err(error) => break Ending::Failed(error.kind()),
            },
            _ = stop.wait_for(|stop| *stop) => break Ending::ClosedAtShutdown,
        }
    };
    if !matches!(ending, Ending::Failed(_)) {
        let _ = stream.shutdown().await; // FIN: the client reads EOF
    }
    Connection { ending, bytes, polls: 0 }
}
// ANCHOR_END: echo

/// Runs `served`, counting its polls into the result, and tells `progress`
/// after its first poll and when it ends.
async fn counting_polls(
    served: impl Future<Output = Connection>,
    progress: watch::Sender<Progress>,
) -> Connection {
    let mut served = pin!(served);
    let mut polls = 0;
    let mut told = false;
    let mut connection = poll_fn(|cx| {
        polls += 1;
        let poll = served.as_mut().poll(cx);
        if !told {
            told = true; // after its first poll, a task has ended or it waits
            progress.send_modify(|p| p.started += 1);
        }
        poll
    })
    .await;
    connection.polls = polls;
    progress.send_modify(|p| p.ended += 1);
    connection
}

/// Adds a connection task's result to `report`: its [`Connection`], or a
/// panic, counted in `panicked`. A cancelled task is a bug here (nothing
/// aborts a connection), so it panics.
pub fn add(report: &mut Report, ended: Result<Connection, tokio::task::JoinError>) {
    match ended {
        Ok(connection) => report.add(connection),
        Err(error) if error.is_panic() => report.panicked += 1,
        Err(error) => panic!("a connection task was cancelled: {error}"),
    }
}
