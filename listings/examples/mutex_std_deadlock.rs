//! Chapter 36: a std `Mutex` guard held across an `.await` on Tokio's
//! current-thread runtime. Task b blocks the only thread in `lock()`, and
//! task a, which holds the guard, can never be polled again to drop it.
//! The watchdog ends the program, which cannot end any other way.

use std::time::Duration;

use listings::many_threads::mutex::deadlock::{Step, std_guard_across_await};
use listings::watchdog;

// ANCHOR: main
fn main() {
    std_guard_across_await(|step| match step {
        Step::AHolds(_) => println!("task a: holds the std guard, awaits"),
        Step::BWouldBlock(_) => println!("task b: try_lock: WouldBlock"),
        Step::BBlocks => {
            println!("task b: calls lock(), on the runtime's only thread");
            watchdog::arm(Duration::from_millis(500), "task b");
        }
        Step::AResumes => println!("task a: polled again"),
        Step::BLocked => println!("task b: got the guard"),
    });
    println!("both tasks finished");
}
// ANCHOR_END: main
