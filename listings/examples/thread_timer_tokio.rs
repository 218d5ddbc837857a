use std::time::{Duration, Instant};

use listings::own_futures::thread_timer::{say, thread_timer};

// ANCHOR: main
#[tokio::main]
async fn main() {
    say("main task: await a 100 ms thread_timer");
    let start = Instant::now();
    thread_timer(Duration::from_millis(100)).await;
    let took = if start.elapsed() >= Duration::from_millis(100) {
        "at least"
    } else {
        "under"
    };
    say(&format!("main task: done, {took} 100 ms after the first poll"));

    let spawned = tokio::spawn(async {
        say("spawned task: await a 50 ms thread_timer");
        thread_timer(Duration::from_millis(50)).await;
        say("spawned task: done");
    });
    spawned.await.unwrap();
}
// ANCHOR_END: main
