//! Chapter 9: the bell of Listing 7-8 is one flag for every runner in the
//! process, so one ring is used up by whichever runner the bell wakes first.
//! This test runs alone in its own binary because it leaves runners blocked
//! on that bell.

mod bell;
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use bell::{NeverWakes, wait_for_polls};
use listings::reinventing::wakeful::{ring, run_woken};

#[test]
fn one_ring_polls_only_one_of_two_waiting_runners_again() {
    let polls = Arc::new(AtomicUsize::new(0));
    for _ in 0..2 {
        let future = NeverWakes(Arc::clone(&polls));
        thread::spawn(move || run_woken(future));
    }
    wait_for_polls(&polls, 2); // both runners polled once, both wait
    thread::sleep(Duration::from_millis(100));
    ring();
    wait_for_polls(&polls, 3);
    thread::sleep(Duration::from_millis(200));
    // The first runner to take the flag cleared it: the other slept on. Had
    // the ring been meant for that other runner, its wake would be lost.
    assert_eq!(polls.load(Ordering::SeqCst), 3, "one ring woke both runners");
}
