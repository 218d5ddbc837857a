use std::cell::Cell;
use std::time::Duration;

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::own_futures::busy_deadline::busy_sleep;
use listings::poll_count::counting_polls;
use tokio_test::task;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(200);

    // Poll the busy delay by hand, again each time it woke its task, as an
    // executor would, and check that every Pending came with a wake.
    let mut busy = task::spawn(busy_sleep(wait));
    let mut pending_with_wake = true;
    while busy.poll().is_pending() {
        pending_with_wake &= busy.is_woken();
    }
    println!("BusyDeadline: woke its task before every Pending: {pending_with_wake}");

    let polls = Cell::new(0);
    block_on(counting_polls(Alarm::after(wait), &polls));
    println!("Alarm: ready after {} polls", polls.get());
}
// ANCHOR_END: main
