use std::time::{Duration, Instant};

use listings::own_futures::thread_timer::{say, thread_timer};

// ANCHOR: main
#[tokio::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(thread_timer(Duration::from_millis(200)), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        say("tokio::time::sleep(100 ms) is done");
    });
    let took = start.elapsed();
    let bucket = if took < Duration::from_millis(300) { "under" } else { "over" };
    println!("both done, {bucket} 300 ms: the two waits overlapped");
}
// ANCHOR_END: main
