//! The echo round trip: chapter 32's echo server, on Part VI's runtime and
//! on Tokio's two, each on a thread of its own, and [`CLIENTS`] clients on
//! 127.0.0.1 that the benchmark drives from its own thread with plain
//! blocking std sockets, so the load is the same whatever serves it.
//!
//! One round: every client writes [`MESSAGE`] bytes, then every client reads
//! its echo back. The messages are far smaller than a socket's buffers, so
//! no write blocks and one thread can drive all the clients.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};

use listings::engine::echo::report::Report;
use listings::engine::echo::{on_ours, on_tokio};
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;

use crate::runners::{
    EngineRunner, Runner as _, TOKIO_WORKERS, TokioCurrent, TokioMulti,
};

/// Clients connected for the whole benchmark.
pub const CLIENTS: usize = 50;
/// Bytes each client sends, and reads back, per round.
pub const MESSAGE: usize = 64;

/// Which echo server to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// `listings::engine::echo::on_ours` on Part VI's runtime.
    Ours,
    /// `listings::engine::echo::on_tokio` on a current-thread runtime.
    TokioCurrent,
    /// The same on a multi-thread runtime (two workers).
    TokioMulti,
}

impl Server {
    pub const ALL: [Server; 3] =
        [Server::Ours, Server::TokioCurrent, Server::TokioMulti];

    /// The runner's name, as in `runners`.
    pub fn name(self) -> &'static str {
        match self {
            Server::Ours => EngineRunner::NAME,
            Server::TokioCurrent => TokioCurrent::NAME,
            Server::TokioMulti => TokioMulti::NAME,
        }
    }
}

/// A server running on its own thread; [`Running::stop`] ends it.
pub struct Running {
    addr: SocketAddr,
    stop: Box<dyn FnOnce() + Send>,
    thread: JoinHandle<Report>,
}

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// Starts `server` on a thread of its own and returns once it listens.
pub fn start(server: Server) -> Running {
    let (tx, rx) = mpsc::channel::<(SocketAddr, Box<dyn FnOnce() + Send>)>();
    let thread = thread::spawn(move || match server {
        Server::Ours => {
            let runtime = Runtime::<Notified>::for_tasks().expect("a reactor");
            let handle = runtime.handle();
            let (listening, control) =
                on_ours::bind(loopback(), &handle).expect("bind");
            let addr = listening.local_addr().expect("an address");
            let serving = handle.spawn(listening.run());
            tx.send((addr, Box::new(move || control.stop()))).unwrap();
            runtime.run();
            take_ready(serving)
        }
        Server::TokioCurrent | Server::TokioMulti => {
            let mut builder = match server {
                Server::TokioMulti => {
                    let mut builder = tokio::runtime::Builder::new_multi_thread();
                    builder.worker_threads(TOKIO_WORKERS);
                    builder
                }
                _ => tokio::runtime::Builder::new_current_thread(),
            };
            let runtime = builder.enable_all().build().expect("a Tokio runtime");
            runtime.block_on(async move {
                let (listening, control) =
                    on_tokio::bind(loopback()).await.expect("bind");
                let addr = listening.local_addr().expect("an address");
                let serving = tokio::spawn(listening.run());
                tx.send((addr, Box::new(move || control.stop()))).unwrap();
                serving.await.expect("the server panicked")
            })
        }
    });
    let (addr, stop) = rx.recv().expect("the server thread failed to start");
    Running { addr, stop, thread }
}

/// The output of a task of ours that has finished.
fn take_ready<T>(join: listings::engine::task::JoinHandle<T>) -> T {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut join = std::pin::pin!(join);
    match join.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output.expect("the server panicked"),
        Poll::Pending => panic!("the loop returned before the server finished"),
    }
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops the server (after the clients are gone) and returns its report.
    pub fn stop(self) -> Report {
        (self.stop)();
        self.thread.join().expect("the server thread panicked")
    }
}

/// [`CLIENTS`] connections to one server.
pub struct Clients {
    streams: Vec<TcpStream>,
    buffer: Vec<u8>,
}

impl Clients {
    pub fn connect(addr: SocketAddr) -> Clients {
        let streams = (0..CLIENTS)
            .map(|_| {
                let stream = TcpStream::connect(addr).expect("connect");
                stream.set_nodelay(true).expect("TCP_NODELAY");
                stream
            })
            .collect();
        Clients { streams, buffer: vec![0; MESSAGE] }
    }

    /// One round: every client writes, then every client reads its echo.
    /// Returns the bytes echoed.
    pub fn round(&mut self) -> usize {
        for (i, stream) in self.streams.iter_mut().enumerate() {
            let message = [i as u8; MESSAGE];
            stream.write_all(&message).expect("write");
        }
        let mut echoed = 0;
        for (i, stream) in self.streams.iter_mut().enumerate() {
            stream.read_exact(&mut self.buffer).expect("read the echo");
            assert!(
                self.buffer.iter().all(|&b| b == i as u8),
                "client {i}: a wrong echo"
            );
            echoed += MESSAGE;
        }
        echoed
    }
}
