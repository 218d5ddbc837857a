use std::time::{Duration, Instant};

use listings::own_futures::thread_timer::thread_timer;

// ANCHOR: main
#[tokio::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(
        thread_timer(Duration::from_millis(200)),
        tokio::time::sleep(Duration::from_millis(200)),
    );
    let took = start.elapsed();
    let bucket = if took < Duration::from_millis(400) { "under" } else { "over" };
    println!("both 200 ms timers done, {bucket} 400 ms: they waited side by side");
}
// ANCHOR_END: main
