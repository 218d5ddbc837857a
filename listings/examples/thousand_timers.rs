use std::sync::atomic::Ordering;
use std::time::Duration;

use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::run_queue::run_queue;

// ANCHOR: main
fn main() {
    const TIMERS: usize = 1000;
    let (queue, launcher) = run_queue();
    for _ in 0..TIMERS {
        launcher.launch(async {
            Deadline::after(Duration::from_millis(500)).await;
        });
    }
    let polls = queue.run();
    let watchers = WATCHERS_STARTED.load(Ordering::Relaxed);
    println!("watcher threads started: {watchers}");
    println!("{TIMERS} timers done in {polls} polls");
}
// ANCHOR_END: main
