//! The exercise of chapter 30 and its solution (shown in the appendix):
//! `yield_now`, a future that gives the thread back to the queue once, and
//! what the task's state word makes of the wake it rings during its poll.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
/// Answers `Pending` once, having woken its own task, so that the task
/// goes to the back of its queue and every task queued before it runs
/// first; ready on the next poll.
pub fn yield_now() -> YieldNow {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    YieldNow { yielded: false }
    // ANCHOR_END: todo
}

// ANCHOR: cut
/// The future of `yield_now`.
pub struct YieldNow {
    /// Set by the poll that answered `Pending`.
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // The task is RUNNING: this wake only sets NOTIFIED, and the
        // runner queues the task once the poll has returned.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with what `yield_now` needs, and write `poll`.
// pub struct YieldNow;
//
// impl Future for YieldNow {
//     type Output = ();
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
