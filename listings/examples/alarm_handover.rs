use std::time::Duration;

use listings::in_depth::alarm::{Alarm, StickyAlarm, cord};
use listings::in_depth::handover::hand_over;
use listings::in_depth::trace::Trace;
use listings::watchdog;

// ANCHOR: main
fn main() {
    let trace = Trace::default();

    println!("-- Alarm, which keeps the waker of its latest poll");
    let (until, pull) = cord();
    let polls = hand_over(Alarm::new(until), pull, &trace);
    println!("run loop: {polls} polls, both tasks finished");

    println!("-- StickyAlarm, which keeps the waker of its first poll");
    let (until, pull) = cord();
    watchdog::arm(Duration::from_millis(500), "the second task");
    hand_over(StickyAlarm::new(until), pull, &trace);
    println!("run loop: both tasks finished");
}
// ANCHOR_END: main
