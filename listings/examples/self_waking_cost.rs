use std::time::Duration;

use listings::own_futures::busy_deadline::busy_sleep;
use listings::own_futures::parked_time::measure;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(200);

    let busy = measure(|| busy_sleep(wait));
    println!("busy_sleep(200 ms), waking itself on every poll:");
    let polls = if busy.polls > 1000 { "more than 1000" } else { "1000 or fewer" };
    let asleep = if busy.asleep_percent < 50 { "under half" } else { "half or more" };
    println!("  polls: {polls}; thread asleep for {asleep} of the wait");

    let woken = measure(|| tokio::time::sleep(wait));
    println!("tokio::time::sleep(200 ms), woken once at the deadline:");
    let asleep = if woken.asleep_percent >= 50 { "half or more" } else { "under half" };
    println!("  polls: {}; thread asleep for {asleep} of the wait", woken.polls);
}
// ANCHOR_END: main
