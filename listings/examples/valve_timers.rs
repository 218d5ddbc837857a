use std::time::Instant;

use listings::reinventing::run_queue::run_queue;
use listings::reinventing::valves::{VALVES, close_valve, report};

// ANCHOR: main
fn main() {
    let started = Instant::now();
    let (queue, launcher) = run_queue();
    for (name, open_for_ms) in VALVES {
        launcher.launch(close_valve(name, open_for_ms));
    }
    queue.run();
    report(started);
}
// ANCHOR_END: main
