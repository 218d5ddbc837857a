//! Chapter 34: the lost wake-up. A task is spawned while the only worker
//! is between its last look at the queues and its sleep; the naive park
//! sleeps with the task queued, the fixed park runs it.

use listings::many_threads::steal::demo::lost_wakeup;
use listings::many_threads::steal::runtime::Parking;

// ANCHOR: main
fn main() {
    for parking in [Parking::Naive, Parking::Fixed] {
        let (parked, runtime, task) = lost_wakeup(parking);
        println!(
            "{parking:?}: the worker sleeps; the task ran: {}; tasks queued: {}",
            parked.ran, parked.queued
        );
        if parked.ran {
            runtime.block_on(task).unwrap();
        }
        runtime.shutdown(); // wakes a sleeper for good, drops what is queued
    }
}
// ANCHOR_END: main
