//! The echo server on our runtime: chapter 28's `TcpListener` and
//! `TcpStream`, chapter 31's `Handle::spawn` and `JoinHandle`, and a
//! hand-made stop flag.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

use listings::engine::echo::report::{Connection, Ending, Report};
use listings::engine::echo::stop::{Stop, unless_stopped};
use listings::engine::net::{TcpListener, TcpStream};
use listings::engine::runtime::{Handle, count_polls};
use listings::engine::task::{JoinError, JoinHandle, Notified};

/// A bound echo server, not yet running.
pub struct Server {
    listener: TcpListener,
    handle: Handle<Notified>,
    stop: Stop,
}

/// The caller's side of a server: stop it, from any thread.
pub struct Control {
    stop: Stop,
}

/// Binds a server to `addr` on `handle`'s reactor. A port already in use is
/// the caller's error, returned here (`AddrInUse`); nothing runs yet.
pub fn bind(
    addr: SocketAddr,
    handle: &Handle<Notified>,
) -> io::Result<(Server, Control)> {
    let listener = TcpListener::bind(addr, handle)?;
    let stop = Stop::default();
    let server = Server { listener, handle: handle.clone(), stop: stop.clone() };
    Ok((server, Control { stop }))
}

impl Control {
    /// Tells the server to stop: it closes its listener, closes every
    /// connection at its next wait, and returns once all have ended.
    /// Dropping the `Control` does the same.
    pub fn stop(&self) {
        self.stop.set();
    }
}

impl Drop for Control {
    fn drop(&mut self) {
        self.stop.set();
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
        let Server { listener, handle, stop } = self;
        let mut connections: Vec<JoinHandle<Connection>> = Vec::new();
        let mut report = Report::default();
        while let Some(accepted) = unless_stopped(&stop, listener.accept()).await {
            match accepted {
                Ok((stream, _)) => {
                    report.connections += 1;
                    connections
                        .push(handle.spawn(counting_polls(echo(stream, stop.clone()))));
                }
                Err(error) => report.accept_errors.push(error.kind()),
            }
            // Take in the results of the connections that have ended.
            let (ended, running) =
                connections.into_iter().partition(JoinHandle::is_finished);
            connections = running;
            for connection in ended {
                add(&mut report, connection.await);
            }
        }
        drop(listener); // from here on, a new connect is refused
        for connection in connections {
            add(&mut report, connection.await);
        }
        report
    }
    // ANCHOR_END: run
}

// ANCHOR: echo
/// Echoes one connection until the client closes its write half, then
/// closes ours. Told to stop, it stops at its next wait.
async fn echo(stream: TcpStream, stop: Stop) -> Connection {
    let mut buffer = vec![0; 16 * 1024];
    let mut bytes = 0;
    let ending = loop {
        let step = async {
            let n = stream.read(&mut buffer).await?;
            stream.write_all(&buffer[..n]).await?;
            Ok::<_, io::Error>(n)
        };
        match unless_stopped(&stop, step).await {
            Some(Ok(0)) => break Ending::Echoed,
            Some(Ok(n)) => bytes += n as u64,
            Some(Err(error)) => break Ending::Failed(error.kind()),
            None => break Ending::ClosedAtShutdown,
        }
    };
    if !matches!(ending, Ending::Failed(_)) {
        let _ = stream.shutdown_write(); // FIN: the client reads EOF
    }
    Connection { ending, bytes, polls: 0 }
}
// ANCHOR_END: echo

/// Runs `served`, counting its polls into the result.
async fn counting_polls(served: impl Future<Output = Connection>) -> Connection {
    let polls = AtomicUsize::new(0);
    let mut connection = count_polls(served, &polls).await;
    connection.polls = polls.load(Ordering::SeqCst) as u64;
    connection
}

/// Adds a connection task's result to `report`: its [`Connection`], or a
/// panic, counted in `panicked`. A cancelled task is a bug here (nothing
/// aborts a connection), so it panics.
pub fn add(report: &mut Report, ended: Result<Connection, JoinError>) {
    match ended {
        Ok(connection) => report.add(connection),
        Err(error) if error.is_panic() => report.panicked += 1,
        Err(_) => panic!("a connection task was cancelled"),
    }
}
