//! The exercise of chapter 33 and its solution (shown in the appendix): a
//! cooperative budget for our runtime, the row of chapter 33's tables that
//! Tokio has and we did not.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

// ANCHOR: solution
// ANCHOR: cut
thread_local! {
    /// The units left to the future being polled on this thread; `None`
    /// outside any `with_budget`: unconstrained.
    static BUDGET: Cell<Option<u32>> = const { Cell::new(None) };
}

pin_project! {
    /// A future polled with a fresh budget at every poll.
    pub struct WithBudget<F> {
        #[pin]
        future: F,
        per_poll: u32,
    }
}

/// Puts back the budget that was there before, when dropped: after the
/// inner poll, even if it panicked.
struct Restore(Option<u32>);

impl Drop for Restore {
    fn drop(&mut self) {
        BUDGET.with(|budget| budget.set(self.0));
    }
}

impl<F: Future> Future for WithBudget<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let _restore =
            Restore(BUDGET.with(|budget| budget.replace(Some(*this.per_poll))));
        this.future.poll(cx)
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with what `with_budget` needs, and write `poll`.
// pub struct WithBudget<F>(F);
//
// impl<F: Future> Future for WithBudget<F> {
//     type Output = F::Output;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
/// Polls `future` with a budget of `per_poll` operations at each poll:
/// the resources it uses call `poll_proceed` before each operation. The
/// budget that was there before is back once each poll returns.
pub fn with_budget<F: Future>(per_poll: u32, future: F) -> WithBudget<F> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    WithBudget { future, per_poll }
    // ANCHOR_END: todo
    // ANCHOR: exercise
}

/// What a resource calls before an operation that would be ready: `Ready`
/// (and one unit spent) while the budget lasts; once it is spent, wakes
/// the task and returns `Pending`, so that the task gives the thread back.
/// Outside `with_budget`, always `Ready`.
pub fn poll_proceed(cx: &mut Context<'_>) -> Poll<()> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    BUDGET.with(|budget| match budget.get() {
        None => Poll::Ready(()),
        Some(0) => {
            // Not "not ready": "not now". The task is runnable at once.
            cx.waker().wake_by_ref();
            Poll::Pending
        }
        Some(left) => {
            budget.set(Some(left - 1));
            Poll::Ready(())
        }
    })
    // ANCHOR_END: todo
    // ANCHOR: exercise
}
// ANCHOR_END: exercise
// ANCHOR_END: solution
