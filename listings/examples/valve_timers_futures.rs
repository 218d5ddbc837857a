use std::sync::Arc;

use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use listings::reinventing::valves::{Panel, VALVES, close_valve};

// ANCHOR: main
fn main() {
    let panel = Panel::new();
    let mut pool = LocalPool::new();
    let spawner = pool.spawner();
    for (name, open_for_ms) in VALVES {
        let valve = close_valve(Arc::clone(&panel), name, open_for_ms);
        spawner.spawn_local(valve).unwrap();
    }
    pool.run();
    panel.report();
}
// ANCHOR_END: main
