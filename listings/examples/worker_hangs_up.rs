use std::time::Duration;

use futures::executor::block_on;
use listings::db::{balance, start_worker};
use listings::watchdog;

// ANCHOR: main
fn main() {
    let (worker, worker_thread) = start_worker();
    watchdog::arm(Duration::from_millis(500), "the handler");
    let result = block_on(balance(&worker, "mallory"));
    println!("handler: balance of mallory: {result:?}");
    drop(worker);
    worker_thread.join().unwrap();
}
// ANCHOR_END: main
