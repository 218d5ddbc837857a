// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/ship/drain.rs.
//! Chapter 39's exercise: wait for a set of tasks until a deadline, then
//! drop the rest, and say which was which.

use std::time::Duration;

use tokio::task::JoinSet;

/// What became of the tasks of a drained set.
#[derive(Debug)]
pub struct Drained<T> {
    /// The outputs of the tasks that finished, in the order they finished.
    pub finished: Vec<T>,
    /// Tasks that panicked.
    pub panicked: usize,
    /// Tasks still running at the deadline, aborted and dropped.
    pub dropped: usize,
}

/// Waits for every task of `tasks`, for at most `deadline`; then aborts
/// the rest, and returns once each of them has been dropped.
pub async fn drain<T: 'static>(
    mut tasks: JoinSet<T>,
    deadline: Duration,
) -> Drained<T> {
    todo!()
}
