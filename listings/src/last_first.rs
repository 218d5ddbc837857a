//! The exercise of chapter 1 and its solution (shown in the appendix):
//! `run_last_first`, which runs futures built earlier, in an order of its own.

use std::future::Future;

// ANCHOR: solution
// ANCHOR: exercise
/// Runs `futures` one at a time, the last one first, each to its end before
/// the next starts. Ready with their outputs, in the order they ran.
pub async fn run_last_first<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: Future,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    let mut outputs = Vec::with_capacity(futures.len());
    for future in futures.into_iter().rev() {
        outputs.push(future.await);
    }
    outputs
    // ANCHOR_END: todo
}
// ANCHOR_END: solution
