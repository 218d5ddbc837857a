use std::sync::Arc;

use listings::reinventing::run_queue::run_queue;
use listings::reinventing::valves::{Panel, VALVES, close_valve};

// ANCHOR: main
fn main() {
    let panel = Panel::new();
    let (queue, launcher) = run_queue();
    for (name, open_for_ms) in VALVES {
        launcher.launch(close_valve(Arc::clone(&panel), name, open_for_ms));
    }
    queue.run();
    panel.report();
}
// ANCHOR_END: main
