use std::cell::Cell;
use std::time::Duration;

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::own_futures::busy_deadline::busy_sleep;
use listings::poll_count::counting_polls;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(200);

    let polls = Cell::new(0);
    block_on(counting_polls(busy_sleep(wait), &polls));
    let bucket = if polls.get() > 1000 { "more than 1000" } else { "1000 or fewer" };
    println!("BusyDeadline: ready after {bucket} polls");

    let polls = Cell::new(0);
    block_on(counting_polls(Alarm::after(wait), &polls));
    println!("Alarm: ready after {} polls", polls.get());
}
// ANCHOR_END: main
