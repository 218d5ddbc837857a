//! Chapter 9: a wake function is a bare `fn()`, so its runner's bell is a
//! `static`, shared by every runner in the process. This test runs alone in
//! its own binary because it leaves a runner blocked on that bell.

mod bell;
mod common;

use std::sync::mpsc;
use std::thread;

use bell::{NeverWakes, next_poll};
use listings::reinventing::wakeful::{ring, ring_pending, run_woken};

#[test]
fn a_ring_from_anywhere_wakes_a_runner_whose_future_asked_for_nothing() {
    let (polled, polls) = mpsc::channel();
    thread::spawn(move || run_woken(NeverWakes(polled)));
    next_poll(&polls, "first");
    // The future kept no wake: until someone rings, the runner cannot pass
    // `wait_for_ring`.
    assert!(!ring_pending());
    // Some other future, on some other runner, rings: this runner wakes.
    ring();
    next_poll(&polls, "second");
}
