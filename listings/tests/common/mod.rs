//! Helpers shared by the test files of `listings/tests/`. Each test file
//! that needs them says `mod common;`; not every file uses every helper.
#![allow(dead_code)]

pub mod logged;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Wake, Waker};
use std::thread;
use std::time::Duration;

/// How long a test waits for something that should finish before it
/// declares a hang. Generous, so a loaded machine does not fail the test.
pub const LIMIT: Duration = Duration::from_secs(10);

/// Runs `work` on a thread and fails the test if it takes longer than LIMIT,
/// or if it panics (its own message is printed by the thread first).
pub fn within_limit<T: Send + 'static>(
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || done.send(work()));
    match result.recv_timeout(LIMIT) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what} did not finish within {LIMIT:?}: it hangs")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

/// Runs `work` on a thread and fails the test if it *does* finish within
/// `wait`: the proof that something hangs. The thread is left behind, still
/// blocked, and ends with the test process.
pub fn still_running_after<T: Send + 'static>(
    wait: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(wait) {
        Err(mpsc::RecvTimeoutError::Timeout) => {}
        Ok(_) => panic!("{what} finished within {wait:?}, but it should hang"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{what} panicked instead of hanging")
        }
    }
}

/// A waker that only counts how often it is woken.
#[derive(Default)]
pub struct CountingWaker(AtomicUsize);

impl CountingWaker {
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A counting waker, and a handle to read its count.
pub fn counting_waker() -> (Arc<CountingWaker>, Waker) {
    let counter = Arc::new(CountingWaker::default());
    (Arc::clone(&counter), Waker::from(counter))
}

/// Runs `future` to completion on a new current-thread Tokio runtime, with
/// its timer and I/O drivers enabled.
pub fn on_current_thread<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime")
        .block_on(future)
}

/// Runs `future` the way `#[tokio::main]` does: on a new multi-thread Tokio
/// runtime, with its timer and I/O drivers enabled.
pub fn on_multi_thread<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a multi-thread runtime")
        .block_on(future)
}
