//! What the two tests of chapter 9's shared bell have in common: a future
//! that never arranges a wake, and a way to wait for its polls. Each test
//! runs in a binary of its own, because it leaves runners blocked on the
//! process-wide bell.

use std::sync::mpsc;
use std::task::Poll;

use listings::reinventing::wakeful::Wakeful;

use crate::common;

/// Never ready and never arranges a wake; reports each poll on a channel.
pub struct NeverWakes(pub mpsc::Sender<()>);

impl Wakeful for NeverWakes {
    type Output = ();
    fn poll(&mut self, _wake: fn()) -> Poll<()> {
        self.0.send(()).unwrap();
        Poll::Pending
    }
}

/// Waits for the next poll reported on `polls`, failing after `common::LIMIT`.
pub fn next_poll(polls: &mpsc::Receiver<()>, which: &str) {
    polls.recv_timeout(common::LIMIT).unwrap_or_else(|_| panic!("no {which} poll"));
}
