use std::time::Duration;

use futures::executor::block_on;
use listings::db::{balance, start_worker};
use listings::watchdog;

// ANCHOR: main
fn main() {
    let (worker, worker_thread) = start_worker();
    // Armed in case of a hang; the answer comes long before it could fire.
    watchdog::arm(Duration::from_secs(10), "the handler");
    let result = block_on(balance(&worker, "mallory"));
    println!("handler: balance of mallory: {result:?}");
    drop(worker);
    worker_thread.join().unwrap();
}
// ANCHOR_END: main
