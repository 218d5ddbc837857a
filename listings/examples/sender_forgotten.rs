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
    println!("waiting for an answer that cannot come");
    watchdog::arm(Duration::from_millis(200), "the receiver");
    let result = block_on(answer);
    println!("never printed: {result:?}");
}
// ANCHOR_END: main
