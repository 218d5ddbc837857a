//! The smallest state machine: a future that is ready after N polls.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: ready_after
/// Ready on its `needed`-th poll; the output is the number of polls it took.
/// Whether it asks to be polled again before each `Pending` is up to `wakes`.
pub struct ReadyAfter {
    polls: u32,
    needed: u32,
    wakes: bool,
}

impl ReadyAfter {
    /// Arranges a wake-up before every `Pending`.
    pub fn waking(needed: u32) -> ReadyAfter {
        ReadyAfter { polls: 0, needed, wakes: true }
    }

    /// Answers a bare `Pending`, trusting the runner to poll again.
    pub fn not_waking(needed: u32) -> ReadyAfter {
        ReadyAfter { polls: 0, needed, wakes: false }
    }
}

impl Future for ReadyAfter {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls < self.needed {
            println!("  poll {} of {}: Pending", self.polls, self.needed);
            if self.wakes {
                cx.waker().wake_by_ref(); // "poll me again"
            }
            return Poll::Pending;
        }
        println!("  poll {} of {}: Ready", self.polls, self.needed);
        Poll::Ready(self.polls)
    }
}
// ANCHOR_END: ready_after
