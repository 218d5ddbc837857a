use std::time::Instant;

use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;
use listings::reinventing::valves::{VALVES, close_valve, report};

// ANCHOR: main
fn main() {
    let started = Instant::now();
    let mut pool = LocalPool::new();
    let spawner = pool.spawner();
    for (name, open_for_ms) in VALVES {
        spawner.spawn_local(close_valve(name, open_for_ms)).unwrap();
    }
    pool.run();
    report(started);
}
// ANCHOR_END: main
