//! Ends a program that demonstrates a hang, so that running it (by hand or
//! under `cargo test`) prints what happened instead of blocking forever.

use std::time::Duration;
use std::{process, thread};

// ANCHOR: watchdog
/// After `limit`, prints that `what` is still waiting and ends the process.
/// A program arms it just before the wait that is meant to hang.
pub fn arm(limit: Duration, what: &'static str) {
    thread::spawn(move || {
        thread::sleep(limit);
        println!(
            "watchdog: {what} still waiting after {} ms; ending the program",
            limit.as_millis()
        );
        process::exit(0);
    });
}
// ANCHOR_END: watchdog
