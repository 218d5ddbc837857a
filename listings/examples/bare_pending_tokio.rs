use std::time::Duration;

use listings::own_futures::ready_after::ReadyAfter;
use listings::watchdog;

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!("ReadyAfter::not_waking(2) under #[tokio::main]:");
    watchdog::arm(Duration::from_millis(500), "the task awaiting it");
    let polls = ReadyAfter::not_waking(2).await;
    println!("ready after {polls} polls");
}
// ANCHOR_END: main
