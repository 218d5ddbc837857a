use std::cell::Cell;
use std::time::{Duration, Instant};

use listings::own_futures::thread_timer::thread_timer;
use listings::poll_count::counting_polls;

// ANCHOR: main
/// Prints how often `name` was polled and whether it took at least `wait`.
fn report(name: &str, polls: u32, took: Duration, wait: Duration) {
    let bound = if took >= wait { "at least" } else { "under" };
    println!("{name}: polled {polls} times, {bound} {} ms", wait.as_millis());
}

#[tokio::main]
async fn main() {
    let wait = Duration::from_millis(100);

    let (polls, start) = (Cell::new(0), Instant::now());
    counting_polls(thread_timer(wait), &polls).await;
    report("thread_timer(100 ms)", polls.get(), start.elapsed(), wait);

    let (polls, start) = (Cell::new(0), Instant::now());
    counting_polls(tokio::time::sleep(wait), &polls).await;
    report("tokio::time::sleep(100 ms)", polls.get(), start.elapsed(), wait);
}
// ANCHOR_END: main
