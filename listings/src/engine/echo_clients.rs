//! Chapter 32: the load for an echo server. A hundred clients on 127.0.0.1,
//! each on plain blocking std sockets, so that the load shares no code with
//! the event loop it tests: any runtime's server faces the same clients.
//!
//! Each client has two threads: one writes its payload and then shuts down
//! its write half, the other reads the echo until EOF. One thread could not
//! do both: a payload larger than the socket buffers fills them both ways
//! (the client writing, the server blocked writing back to a client that is
//! not reading yet), and nothing moves again.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

use socket2::{Domain, SockRef, Socket, Type};

use listings::engine::readiness::EVENT_LIMIT;

/// How many clients [`run`] starts in the chapter's tests and programs.
pub const CLIENTS: usize = 100;

/// Every tenth client sends this many bytes plus its number (client 0: just
/// this many): many times what a client's socket buffers hold, so writes
/// and reads come in pieces.
pub const LARGE: usize = 512 * 1024;

/// The send and receive buffer size each client asks for. Setting it turns
/// off the kernel's growing of the buffers (on loopback, up to megabytes),
/// so that a large payload goes in pieces on every machine.
pub const BUFFER: usize = 16 * 1024;

/// What a run of clients sent and got back. Its printed form depends only on
/// the number of clients, never on timing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// How many clients ran.
    pub clients: usize,
    /// Bytes all clients sent together.
    pub bytes_sent: u64,
    /// Bytes all clients read back before EOF.
    pub bytes_echoed: u64,
    /// Clients whose echo differed from what they sent, by number.
    pub mismatched: Vec<usize>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} clients, {} bytes sent, {} bytes echoed, mismatches: {}",
            self.clients,
            self.bytes_sent,
            self.bytes_echoed,
            self.mismatched.len()
        )
    }
}

// ANCHOR: payload
/// Client `id`'s payload: its own length and its own bytes, so that an echo
/// sent to the wrong client, cut short or reordered cannot pass as right.
pub fn payload(id: usize) -> Vec<u8> {
    let len = if id.is_multiple_of(10) { LARGE + id } else { 1 + id * 7919 % 30_000 };
    let mut state = id as u64 + 1; // xorshift: any fixed sequence would do
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}
// ANCHOR_END: payload

// ANCHOR: run
/// Starts `clients` clients against `addr` at once and waits for them all.
/// Every client connects, waits until all have connected, sends its
/// [`payload`], shuts down its write half, reads until EOF and compares.
/// Fails, naming the client, if any step of any client fails or waits more
/// than [`EVENT_LIMIT`].
pub fn run(addr: SocketAddr, clients: usize) -> io::Result<Summary> {
    let connected = Gate::new(clients);
    let results: Vec<io::Result<(u64, Vec<u8>)>> = thread::scope(|scope| {
        let running: Vec<_> = (0..clients)
            .map(|id| {
                let connected = &connected;
                small_thread().spawn_scoped(scope, move || client(addr, id, connected))
            })
            .collect::<io::Result<_>>()?;
        Ok::<_, io::Error>(running.into_iter().map(|c| c.join().unwrap()).collect())
    })?;

    let mut summary =
        Summary { clients, bytes_sent: 0, bytes_echoed: 0, mismatched: Vec::new() };
    for (id, result) in results.into_iter().enumerate() {
        let (sent, echoed) = result?;
        summary.bytes_sent += sent;
        summary.bytes_echoed += echoed.len() as u64;
        if echoed != payload(id) {
            summary.mismatched.push(id);
        }
    }
    Ok(summary)
}

/// One client: returns how many bytes it sent and what came back.
fn client(addr: SocketAddr, id: usize, connected: &Gate) -> io::Result<(u64, Vec<u8>)> {
    let stream = connect(addr);
    connected.arrive(); // even on failure, so that the others do not wait for us
    let stream = stream.map_err(|e| failed(id, "connect", e))?;
    connected.wait().map_err(|e| failed(id, "wait for the others", e))?;

    let sent = payload(id);
    let stream = &stream; // `&TcpStream` reads and writes: both threads share one socket
    thread::scope(|scope| {
        let writing = small_thread().spawn_scoped(scope, || {
            let mut writer = stream;
            writer.write_all(&sent)?;
            writer.shutdown(Shutdown::Write) // the server reads EOF after our last byte
        })?;
        let mut echoed = Vec::with_capacity(sent.len());
        let mut reader = stream;
        let read = reader.read_to_end(&mut echoed).map_err(|e| failed(id, "read", e));
        writing.join().unwrap().map_err(|e| failed(id, "write", e))?;
        read?;
        Ok((sent.len() as u64, echoed))
    })
}
// ANCHOR_END: run

/// Connects a client's socket to `addr`: buffers of [`BUFFER`] bytes, and
/// [`EVENT_LIMIT`] on the connect and on every read and write. std cannot
/// set a buffer size, so socket2 makes the socket.
pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    socket.set_send_buffer_size(BUFFER)?;
    socket.set_recv_buffer_size(BUFFER)?;
    socket.connect_timeout(&addr.into(), EVENT_LIMIT)?;
    socket.set_read_timeout(Some(EVENT_LIMIT))?;
    socket.set_write_timeout(Some(EVENT_LIMIT))?;
    Ok(socket.into())
}

/// An error that says which client failed, at which step. A timeout reads
/// as the limit it ran into (Linux reports it as `WouldBlock`).
fn failed(id: usize, step: &str, error: io::Error) -> io::Error {
    let timed_out =
        matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
    let why = if timed_out {
        format!("nothing happened within {EVENT_LIMIT:?}")
    } else {
        error.to_string()
    };
    io::Error::new(error.kind(), format!("client {id}: {step}: {why}"))
}

/// Two hundred threads need little stack each.
pub fn small_thread() -> thread::Builder {
    thread::Builder::new().stack_size(128 * 1024)
}

/// Lets every client start sending only once all have connected, so that
/// all the connections are open at once. Waiting has a limit too.
pub struct Gate {
    arrived: Mutex<usize>,
    all_here: Condvar,
    expected: usize,
}

impl Gate {
    pub fn new(expected: usize) -> Gate {
        Gate { arrived: Mutex::new(0), all_here: Condvar::new(), expected }
    }

    pub fn arrive(&self) {
        *self.arrived.lock().unwrap() += 1;
        self.all_here.notify_all();
    }

    pub fn wait(&self) -> io::Result<()> {
        let arrived = self.arrived.lock().unwrap();
        let (arrived, waited) = self
            .all_here
            .wait_timeout_while(arrived, EVENT_LIMIT, |n| *n < self.expected)
            .unwrap();
        drop(arrived);
        match waited.timed_out() {
            true => Err(io::ErrorKind::TimedOut.into()),
            false => Ok(()),
        }
    }
}

// ANCHOR: bad_clients
/// A client that sends `bytes`, reads their echo, then closes with
/// `SO_LINGER` set to zero: the kernel sends a reset (RST) instead of the
/// usual FIN, so the server's next read fails with `ConnectionReset`
/// instead of reading EOF. std has no stable `set_linger`, so socket2 sets it.
pub fn reset_after_echo(addr: SocketAddr, bytes: &[u8]) -> io::Result<()> {
    let mut stream = connect(addr)?;
    stream.write_all(bytes)?;
    let mut echoed = vec![0; bytes.len()];
    stream.read_exact(&mut echoed)?;
    assert_eq!(echoed, bytes, "the echo before the reset");
    SockRef::from(&stream).set_linger(Some(Duration::ZERO))?;
    Ok(()) // dropping the stream closes it, and closing it sends the reset
}
// ANCHOR_END: bad_clients
