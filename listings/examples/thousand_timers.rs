use std::env;
use std::sync::atomic::Ordering;
use std::time::Duration;

use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::run_queue::run_queue;

// ANCHOR: main
/// The stack a new thread reserves unless told otherwise: 2 MiB, or what
/// the `RUST_MIN_STACK` environment variable says.
fn default_stack_bytes() -> usize {
    env::var("RUST_MIN_STACK")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2 * 1024 * 1024)
}

fn main() {
    const TIMERS: usize = 1000;
    let (queue, launcher) = run_queue();
    for _ in 0..TIMERS {
        launcher.launch(async {
            Deadline::after(Duration::from_millis(500)).await;
        });
    }
    let polls = queue.run();
    let threads = WATCHERS_STARTED.load(Ordering::Relaxed);
    let stack_mib = default_stack_bytes() / (1024 * 1024);
    println!("{TIMERS} timers done in {polls} polls");
    println!("watcher threads started: {threads}");
    println!("stack reserved per thread: {stack_mib} MiB");
    println!("stack reserved in all: {} MiB", threads * stack_mib);
}
// ANCHOR_END: main
