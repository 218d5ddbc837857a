// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/last_first.rs.
//! The exercise of chapter 1 and its solution (shown in the appendix):
//! `run_last_first`, which runs futures built earlier, in an order of its own.

use std::future::Future;

/// Runs `futures` one at a time, the last one first, each to its end before
/// the next starts. Ready with their outputs, in the order they ran.
pub async fn run_last_first<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future,
{
    todo!()
}
