//! Chapter 9: a wake function is a bare `fn()`, so its runner's bell is a
//! `static`, shared by every runner in the process. This test runs alone in
//! its own binary because it leaves a runner blocked on that bell.

mod bell;
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use bell::{NeverWakes, wait_for_polls};
use listings::reinventing::wakeful::{ring, run_woken};

#[test]
fn a_ring_from_anywhere_wakes_a_runner_whose_future_asked_for_nothing() {
    let polls = Arc::new(AtomicUsize::new(0));
    let future = NeverWakes(Arc::clone(&polls));
    thread::spawn(move || run_woken(future));
    wait_for_polls(&polls, 1);
    thread::sleep(Duration::from_millis(100));
    assert_eq!(polls.load(Ordering::SeqCst), 1, "polled again without a ring");
    // Some other future, on some other runner, rings: this runner wakes.
    ring();
    wait_for_polls(&polls, 2);
}
