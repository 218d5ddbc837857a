//! Limits for chapter 39's tests, and a server of Part VIII started on two
//! workers of a runtime of its own (`listings::ship::running`), to be
//! talked to with the blocking clients of `listings::ship::clients`.
#![allow(dead_code)]

use std::thread;
use std::time::{Duration, Instant};

use listings::ship::config::Config;
use listings::ship::running::Running;
use listings::ship::store::Handler;

/// How long a test waits for the server to do something it must do.
pub const LIMIT: Duration = Duration::from_secs(10);

/// A limit that must never fire in a test, however loaded the machine.
pub const LONG: Duration = Duration::from_secs(10);

/// A limit a test wants to fire.
pub const SHORT: Duration = Duration::from_millis(200);

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
    Running::start(handler, config, 2).expect("the server starts")
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
