use std::time::{Duration, Instant};

use listings::own_futures::ready_after::ReadyAfter;
use tokio::time::timeout;

// ANCHOR: main
#[tokio::main]
async fn main() {
    let limit = Duration::from_millis(200);
    for needed in [2, 3] {
        println!("timeout(200 ms, ReadyAfter::not_waking({needed})):");
        let start = Instant::now();
        let result = timeout(limit, ReadyAfter::not_waking(needed)).await;
        let waited = if start.elapsed() >= limit { "at least" } else { "under" };
        match result {
            Ok(polls) => println!("Ok: ready after {polls} polls, {waited} 200 ms"),
            Err(_) => println!("Err: timed out, {waited} 200 ms"),
        }
    }
}
// ANCHOR_END: main
