use std::fs;
use std::sync::atomic::Ordering;
use std::time::Duration;

use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::run_queue::run_queue;

// ANCHOR: main
/// The `Threads:` line of `/proc/self/status` (Linux): how many threads this
/// process has right now.
fn threads_in_process() -> String {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .map(|count| count.trim().to_string())
        .unwrap_or_else(|| "unknown (no /proc)".to_string())
}

fn main() {
    const TIMERS: usize = 1000;
    let (queue, launcher) = run_queue();
    for _ in 0..TIMERS {
        launcher.launch(async {
            Deadline::after(Duration::from_millis(500)).await;
        });
    }
    // Launched last, so polled once every timer has had its first poll and
    // started its watcher, and long before the first watcher wakes.
    launcher.launch(async {
        println!("threads in the process while they wait: {}", threads_in_process());
    });
    let polls = queue.run();
    let watchers = WATCHERS_STARTED.load(Ordering::Relaxed);
    println!("watcher threads started: {watchers}");
    println!("{TIMERS} timers done in {polls} polls (one more for the count above)");
}
// ANCHOR_END: main
