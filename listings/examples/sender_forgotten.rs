use std::thread;
use std::time::Duration;

use futures::executor::block_on;
use listings::{oneshot, watchdog};

// ANCHOR: main
fn main() {
    let (reply, answer) = oneshot::channel::<i64>();
    thread::spawn(move || {
        // The sender vanishes without sending, and its Drop never runs.
        std::mem::forget(reply);
    });
    watchdog::arm(Duration::from_millis(500), "the receiver");
    println!("waiting for an answer that cannot come");
    let result = block_on(answer);
    println!("never printed: {result:?}");
}
// ANCHOR_END: main
