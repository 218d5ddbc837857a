use std::time::Duration;

use listings::own_futures::busy_deadline::busy_sleep;
use listings::own_futures::parked_time::measure;

// ANCHOR: main
fn main() {
    let wait = Duration::from_millis(200);

    let busy = measure(|| busy_sleep(wait));
    println!("busy_sleep(200 ms), waking itself on every poll:");
    // How many polls that takes depends on the machine: the test prints it.
    println!(
        "  polled until the deadline; the thread went to sleep {} times",
        busy.parks
    );

    let woken = measure(|| tokio::time::sleep(wait));
    println!("tokio::time::sleep(200 ms), woken once at the deadline:");
    let slept = if woken.parks > 0 { "went to sleep" } else { "never slept" };
    println!("  polled {} times; the thread {slept} until the deadline", woken.polls);
}
// ANCHOR_END: main
