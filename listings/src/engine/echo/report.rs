//! What the echo servers say when they stop: how each connection ended,
//! and a [`Report`] adding them up.

use std::fmt;
use std::io;

// ANCHOR: ending
/// How one connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The client closed its write half (EOF), and every byte it had sent
    /// was written back before the server shut down its own write half.
    Echoed,
    /// The server was told to stop while the connection waited for the
    /// client (or for room to write back); it shut down its write half.
    ClosedAtShutdown,
    /// A read or write failed, for example with `ConnectionReset`.
    Failed(io::ErrorKind),
}

/// What one connection's task hands back when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    /// Why it ended.
    pub ending: Ending,
    /// Bytes it echoed.
    pub bytes: u64,
    /// How often its task was polled.
    pub polls: u64,
}
// ANCHOR_END: ending

/// What a server did between its start and its return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Connections accepted.
    pub connections: usize,
    /// Connections that ended with [`Ending::Echoed`].
    pub echoed: usize,
    /// Connections that ended with [`Ending::ClosedAtShutdown`].
    pub closed_at_shutdown: usize,
    /// The error of each connection that ended with [`Ending::Failed`].
    pub failed: Vec<io::ErrorKind>,
    /// Connection tasks that panicked.
    pub panicked: usize,
    /// Errors of `accept` itself (the listener went on accepting).
    pub accept_errors: Vec<io::ErrorKind>,
    /// Bytes echoed, all connections together.
    pub bytes: u64,
    /// Polls of the connection tasks, all together.
    pub polls: u64,
}

impl Report {
    /// Adds one finished connection.
    pub fn add(&mut self, connection: Connection) {
        match connection.ending {
            Ending::Echoed => self.echoed += 1,
            Ending::ClosedAtShutdown => self.closed_at_shutdown += 1,
            Ending::Failed(kind) => self.failed.push(kind),
        }
        self.bytes += connection.bytes;
        self.polls += connection.polls;
    }
}

/// Prints everything but the polls, which depend on how the bytes happened
/// to arrive (in how many pieces).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.connections == 1 { "" } else { "s" };
        write!(
            f,
            "{} connection{plural}: {} echoed to EOF, {} closed at shutdown, {} failed, \
             {} panicked; {} bytes echoed",
            self.connections,
            self.echoed,
            self.closed_at_shutdown,
            self.failed.len(),
            self.panicked,
            self.bytes
        )
    }
}
