use listings::in_depth::alarm::cord;
use listings::in_depth::handover::hand_over;
use listings::in_depth::notify_alarm::notify_alarm;
use listings::in_depth::trace::Trace;

// ANCHOR: main
fn main() {
    println!("-- notify_alarm handed from one task to another");
    let (until, pull) = cord();
    let polls = hand_over(notify_alarm(until), pull, &Trace::default());
    println!("run loop: {polls} polls, both tasks finished");
}
// ANCHOR_END: main
