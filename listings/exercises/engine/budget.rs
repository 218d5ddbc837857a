// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/budget.rs.
//! The exercise of chapter 33 and its solution (shown in the appendix): a
//! cooperative budget for our runtime, the row of chapter 33's tables that
//! Tokio has and we did not.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

/// Your future. This placeholder only lets the starter compile: replace
/// it with what `with_budget` needs, and write `poll`.
pub struct WithBudget<F>(F);

impl<F: Future> Future for WithBudget<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        todo!()
    }
}

/// Polls `future` with a budget of `per_poll` operations at each poll:
/// the resources it uses call `poll_proceed` before each operation. The
/// budget that was there before is back once each poll returns.
pub fn with_budget<F: Future>(per_poll: u32, future: F) -> WithBudget<F> {
    todo!()
}

/// What a resource calls before an operation that would be ready: `Ready`
/// (and one unit spent) while the budget lasts; once it is spent, wakes
/// the task and returns `Pending`, so that the task gives the thread back.
/// Outside `with_budget`, always `Ready`.
pub fn poll_proceed(cx: &mut Context<'_>) -> Poll<()> {
    todo!()
}
