use std::cell::Cell;
use std::time::Duration;

use listings::block_on::block_on;
use listings::in_depth::alarm::Alarm;
use listings::in_depth::restless::Restless;
use listings::poll_count::counting_polls;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(200);

    let polls = Cell::new(0);
    block_on(counting_polls(Restless::after(wait), &polls));
    let bucket = if polls.get() > 1000 { "more than 1000" } else { "1000 or fewer" };
    println!("Restless: ready after {bucket} polls");

    let polls = Cell::new(0);
    block_on(counting_polls(Alarm::after(wait), &polls));
    println!("Alarm: ready after {} polls", polls.get());
}
// ANCHOR_END: main
