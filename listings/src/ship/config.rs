//! The server's limits, each with the default a reader would start from.

use std::time::Duration;

// ANCHOR: config
#[derive(Debug, Clone)]
pub struct Config {
    /// Connections served at once; one more is told `ERR busy` and closed.
    pub max_connections: usize,
    /// How long a connection may wait for its next request.
    pub idle_timeout: Duration,
    /// How long one request may take, from its line to its reply written.
    pub request_timeout: Duration,
    /// The longest line read, in bytes, without its `\n`.
    pub max_line: usize,
    /// Replies waiting for a slow client before the connection stops reading.
    pub reply_queue: usize,
    /// How long a shutdown waits for open connections before it drops them.
    pub shutdown_deadline: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_connections: 256,
            idle_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(5),
            max_line: 1024,
            reply_queue: 16,
            shutdown_deadline: Duration::from_secs(5),
        }
    }
}
// ANCHOR_END: config
