use std::time::Duration;

use listings::own_futures::blocking::{BlockingSleep, ticks_during};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let wait = Duration::from_millis(300);
    let blocked = ticks_during(BlockingSleep { duration: wait }).await;
    println!("BlockingSleep(300 ms): the ticker ticked {blocked} times");

    let slept = ticks_during(tokio::time::sleep(wait)).await;
    let slept = if slept > 0 { "at least once" } else { "0 times" };
    println!("tokio::time::sleep(300 ms): the ticker ticked {slept}");
}
// ANCHOR_END: main
