//! Chapter 39's exercise (Listing 39-14): `drain` waits for a set of tasks
//! until a deadline, then drops the rest, and says which was which. These
//! tests pass on the book's solution, `listings/src/ship/drain.rs`; on the
//! starter, run with `cargo test -p listings --features starter --test
//! exercise_drain`, they fail until you have written it. The clock is Tokio's
//! paused test clock, so "at the deadline" is exact and no test waits for
//! real time.

mod common;

use std::future::pending;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::within_limit;
use listings::ship::drain::drain;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

const DEADLINE: Duration = Duration::from_secs(5);

/// Runs `future` on a current-thread runtime whose clock is paused: it
/// jumps to the next timer whenever every task waits.
fn on_paused_clock<F: Future<Output = ()> + Send + 'static>(what: &str, future: F) {
    within_limit(what, || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap()
            .block_on(future)
    });
}

/// Adds one to its count when dropped: a task's future was dropped.
struct Dropped(Arc<AtomicUsize>);

impl Drop for Dropped {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn tasks_that_finish_are_reported_with_their_outputs_at_once() {
    on_paused_clock("drain", async {
        let mut tasks = JoinSet::new();
        for n in 1..=3 {
            tasks.spawn(async move {
                sleep(Duration::from_millis(10 * n)).await;
                n
            });
        }
        let start = Instant::now();
        let mut drained = drain(tasks, DEADLINE).await;
        drained.finished.sort();
        assert_eq!(drained.finished, [1, 2, 3]);
        assert_eq!((drained.panicked, drained.dropped), (0, 0));
        assert_eq!(start.elapsed(), Duration::from_millis(30), "not the deadline");
    });
}

#[test]
fn tasks_still_running_at_the_deadline_are_dropped_before_drain_returns() {
    on_paused_clock("drain", async {
        let dropped = Arc::new(AtomicUsize::new(0));
        let mut tasks = JoinSet::new();
        for n in 0..5 {
            let guard = Dropped(dropped.clone());
            tasks.spawn(async move {
                let _guard = guard;
                if n % 2 == 0 {
                    pending::<()>().await;
                }
                n
            });
        }
        let start = Instant::now();
        let mut drained = drain(tasks, DEADLINE).await;
        drained.finished.sort();
        assert_eq!(drained.finished, [1, 3]);
        assert_eq!((drained.panicked, drained.dropped), (0, 3));
        assert_eq!(start.elapsed(), DEADLINE, "it waited until the deadline");
        assert_eq!(dropped.load(Ordering::SeqCst), 5, "every future is gone");
    });
}

#[test]
fn a_task_that_panics_is_counted_as_panicked() {
    on_paused_clock("drain", async {
        let mut tasks = JoinSet::new();
        tasks.spawn(async { 7 });
        tasks.spawn(async { panic!("a task that panics, on purpose") });
        let drained = drain(tasks, DEADLINE).await;
        assert_eq!(drained.finished, [7]);
        assert_eq!((drained.panicked, drained.dropped), (1, 0));
    });
}

#[test]
fn an_empty_set_is_drained_at_once() {
    on_paused_clock("drain", async {
        let start = Instant::now();
        let drained = drain(JoinSet::<()>::new(), DEADLINE).await;
        assert!(drained.finished.is_empty());
        assert_eq!((drained.panicked, drained.dropped), (0, 0));
        assert_eq!(start.elapsed(), Duration::ZERO);
    });
}
