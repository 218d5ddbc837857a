//! Listing 29-5: three sleeps on one runtime, spawned longest first, finish
//! in the order of their deadlines.

use std::io;
use std::time::{Duration, Instant};

use listings::engine::runtime::Runtime;
use listings::engine::timer::sleep_until;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let start = Instant::now();
    for ms in [300, 100, 200] {
        let timers = handle.clone();
        handle.spawn(async move {
            let deadline = start + Duration::from_millis(ms);
            sleep_until(&timers, deadline).await;
            let on_time = Instant::now() >= deadline;
            println!("the {ms} ms sleep is done, not before its deadline: {on_time}");
        });
    }
    let counts = runtime.run();
    println!("polls: {}, timers fired: {}", counts.polls, counts.fired);
    Ok(())
}
// ANCHOR_END: main
