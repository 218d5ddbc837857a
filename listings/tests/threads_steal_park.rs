//! Chapter 34: parking idle workers. The worker is stopped, by a hook, in
//! the window between its last look at the queues and its sleep, while a
//! task is spawned; then it goes on. The naive park sleeps with the task
//! queued, for good; the fixed park looks again and runs it. The verdicts
//! come from the runtime's state once the worker sleeps, not from a clock.

use std::time::Duration;

mod common;

use common::{still_running_after, within_limit};
use listings::many_threads::steal::demo::{Parked, lost_wakeup};
use listings::many_threads::steal::runtime::Parking;

#[test]
fn the_naive_park_sleeps_with_a_task_queued_and_nothing_wakes_it() {
    let (parked, runtime, task) = within_limit("the naive park", || {
        let (parked, runtime, task) = lost_wakeup(Parking::Naive);
        (parked, runtime, task)
    });
    assert_eq!(parked, Parked { ran: false, queued: 1 });
    // Nothing else will be pushed, so nothing will notify: the worker sleeps
    // on, and the task's handle never completes.
    still_running_after(Duration::from_millis(300), "the lost task", move || {
        listings::block_on::block_on(task)
    });
    assert_eq!(runtime.handle().sleeping(), 1);
    assert_eq!(runtime.handle().queued().0, 1, "still queued");
    runtime.shutdown(); // wakes the sleeper for good, drops the task unrun
}

#[test]
fn the_fixed_park_looks_again_after_announcing_itself_and_runs_the_task() {
    within_limit("the fixed park", || {
        let (parked, runtime, task) = lost_wakeup(Parking::Fixed);
        assert_eq!(parked, Parked { ran: true, queued: 0 });
        runtime.block_on(task).unwrap();
        runtime.shutdown();
    });
}

#[test]
fn idle_workers_that_park_and_wake_a_thousand_times_lose_no_task() {
    within_limit("a thousand spawns onto parked workers", || {
        let runtime = listings::many_threads::steal::Runtime::new(4);
        for round in 0..1000u32 {
            // Each spawn finds the workers asleep (or about to be): each
            // must be woken, or block_on waits for good.
            let task = runtime.spawn(async move { round });
            assert_eq!(runtime.block_on(task).unwrap(), round);
        }
    });
}
