//! The exercise of chapter 11 and its solution (shown in the appendix):
//! `yield_now`, a future that steps aside once and is its own event source.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
/// Answers `Pending` on its first poll, after asking to be polled again, and
/// `Ready(())` on the next: it gives the other tasks of its thread a turn.
pub fn yield_now() -> YieldNow {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    YieldNow { yielded: false }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// Whether the one `Pending` has been answered yet.
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // Duty 1: someone must call the waker. There is no event to wait
        // for, so that someone is this future, before it answers.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the state it needs, and write `poll`.
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
