use std::cell::Cell;
use std::time::Duration;

use listings::block_on::block_on;
use listings::in_depth::handover::hand_over;
use listings::in_depth::notify_alarm::notify_alarm;
use listings::in_depth::trace::Trace;
use listings::poll_count::counting_polls;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(100);

    let polls = Cell::new(0);
    block_on(counting_polls(notify_alarm(wait), &polls));
    println!("notify_alarm under block_on: ready after {} polls", polls.get());

    println!("-- notify_alarm handed from one task to another");
    let polls = hand_over(notify_alarm(wait), &Trace::default());
    println!("run loop: {polls} polls, both tasks finished");
}
// ANCHOR_END: main
