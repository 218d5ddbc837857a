//! Chapter 9: a wake function is a bare `fn()`, so its runner's bell is a
//! `static`, shared by every runner in the process. This test runs alone in
//! its own binary because it leaves a runner blocked on that bell.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

use listings::reinventing::wakeful::{Wakeful, ring, run_woken};

/// Never ready and never arranges a wake; counts its polls.
struct NeverWakes(Arc<AtomicUsize>);

impl Wakeful for NeverWakes {
    type Output = ();
    fn poll(&mut self, _wake: fn()) -> Poll<()> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Poll::Pending
    }
}

fn wait_for_polls(polls: &AtomicUsize, at_least: usize) {
    let deadline = Instant::now() + common::LIMIT;
    while polls.load(Ordering::SeqCst) < at_least {
        assert!(Instant::now() < deadline, "no poll number {at_least}");
        thread::sleep(Duration::from_millis(5));
    }
}

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
