//! Chapter 36: what a lock costs the task when nobody else wants it. One
//! future on Tokio's current-thread runtime takes a lock 1000 times, with
//! no `.await` inside, under std's `Mutex`, ours and Tokio's, and counts
//! how many times it was polled.

use std::sync::atomic::{AtomicUsize, Ordering};

use listings::engine::runtime::count_polls;
use listings::many_threads::mutex::Mutex;

const LOCKS: usize = 1000;

// ANCHOR: main
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let polls = [AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0)];
    let (std_mutex, ours, tokios) =
        (std::sync::Mutex::new(0), Mutex::new(0), tokio::sync::Mutex::new(0));
    runtime.block_on(async {
        let std_locks = async {
            for _ in 0..LOCKS {
                *std_mutex.lock().unwrap() += 1;
            }
        };
        count_polls(std_locks, &polls[0]).await;
        let our_locks = async {
            for _ in 0..LOCKS {
                *ours.lock().await += 1;
            }
        };
        count_polls(our_locks, &polls[1]).await;
        let tokio_locks = async {
            for _ in 0..LOCKS {
                *tokios.lock().await += 1;
            }
        };
        count_polls(tokio_locks, &polls[2]).await;
    });
    let names = ["std::sync::Mutex", "ours", "tokio::sync::Mutex"];
    for (name, polls) in names.iter().zip(&polls) {
        println!("{name:<20}{LOCKS} locks, {} polls", polls.load(Ordering::SeqCst));
    }
}
// ANCHOR_END: main
