use std::time::Duration;

use listings::in_depth::alarm::{Alarm, StickyAlarm};
use listings::in_depth::handover::hand_over;
use listings::in_depth::trace::Trace;
use listings::watchdog;

// ANCHOR: main
fn main() {
    let trace = Trace::default();
    let wait = Duration::from_millis(100);

    println!("-- Alarm, which keeps the waker of its latest poll");
    let polls = hand_over(Alarm::after(wait), &trace);
    println!("run loop: {polls} polls, both tasks finished");

    println!("-- StickyAlarm, which keeps the waker of its first poll");
    watchdog::arm(Duration::from_millis(1000), "the second task");
    hand_over(StickyAlarm::after(wait), &trace);
    println!("run loop: both tasks finished");
}
// ANCHOR_END: main
