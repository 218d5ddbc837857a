//! What the two tests of chapter 9's shared bell have in common: a future
//! that never arranges a wake, and a way to wait for its polls. Each test
//! runs in a binary of its own, because it leaves runners blocked on the
//! process-wide bell.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

use listings::reinventing::wakeful::Wakeful;

use crate::common;

/// Never ready and never arranges a wake; adds its polls to a shared count.
pub struct NeverWakes(pub Arc<AtomicUsize>);

impl Wakeful for NeverWakes {
    type Output = ();
    fn poll(&mut self, _wake: fn()) -> Poll<()> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Poll::Pending
    }
}

/// Waits until `polls` reaches `at_least`, failing after `common::LIMIT`.
pub fn wait_for_polls(polls: &AtomicUsize, at_least: usize) {
    let deadline = Instant::now() + common::LIMIT;
    while polls.load(Ordering::SeqCst) < at_least {
        assert!(Instant::now() < deadline, "no poll number {at_least}");
        thread::sleep(Duration::from_millis(5));
    }
}
