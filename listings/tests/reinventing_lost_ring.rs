//! Chapter 9: the bell of Listing 7-8 is one flag for every runner in the
//! process, so one ring is used up by whichever runner takes it first.
//! This test runs alone in its own binary because it leaves runners blocked
//! on that bell.

mod bell;
mod common;

use std::sync::mpsc;
use std::thread;

use bell::{NeverWakes, next_poll};
use listings::reinventing::wakeful::{ring, ring_pending, run_woken};

#[test]
fn one_ring_polls_only_one_of_two_waiting_runners_again() {
    let (polled, polls) = mpsc::channel();
    for _ in 0..2 {
        let future = NeverWakes(polled.clone());
        thread::spawn(move || run_woken(future));
    }
    next_poll(&polls, "first runner's first");
    next_poll(&polls, "second runner's first");
    ring();
    next_poll(&polls, "third");
    // The runner that polled again took the flag and cleared it first. The
    // flag is the only way past `wait_for_ring`, so the other runner sleeps
    // on: had the ring been meant for it, its wake is lost.
    assert!(!ring_pending(), "the ring is still there for the other runner");
    assert!(polls.try_recv().is_err(), "one ring polled both runners");
}
