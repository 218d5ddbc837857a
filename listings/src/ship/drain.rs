//! Chapter 39's exercise: wait for a set of tasks until a deadline, then
//! drop the rest, and say which was which.

use std::time::Duration;

use tokio::task::JoinSet;
// ANCHOR: solution
// ANCHOR: cut
use tokio::time::{Instant, timeout_at};
// ANCHOR_END: cut

// ANCHOR: exercise
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
    // ANCHOR: todo
    let mut drained = Drained { finished: Vec::new(), panicked: 0, dropped: 0 };
    let deadline = Instant::now() + deadline;
    let mut aborted = false;
    loop {
        let next = match aborted {
            true => tasks.join_next().await,
            false => match timeout_at(deadline, tasks.join_next()).await {
                Ok(next) => next,
                Err(_elapsed) => {
                    tasks.abort_all();
                    aborted = true;
                    continue;
                }
            },
        };
        match next {
            None => return drained,
            Some(Ok(output)) => drained.finished.push(output),
            Some(Err(error)) if error.is_panic() => drained.panicked += 1,
            Some(Err(_cancelled)) => drained.dropped += 1,
        }
    }
    // ANCHOR_END: todo
}
// ANCHOR_END: exercise
// ANCHOR_END: solution
