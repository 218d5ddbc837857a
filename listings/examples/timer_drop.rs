//! Listing 29-7: a short sleep races a long one; the loser is dropped, and
//! its entry leaves the table with it.

use std::io;
use std::time::Duration;

use futures::future::{Either, select};
use listings::engine::runtime::Runtime;
use listings::engine::timer::sleep;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let timers = handle.clone();
    handle.spawn(async move {
        let short = sleep(&timers, Duration::from_millis(50));
        let long = sleep(&timers, Duration::from_secs(3600));
        let Either::Left(((), long)) = select(short, long).await else {
            unreachable!("an hour cannot pass first")
        };
        println!("the short sleep won; timers pending: {}", timers.time().pending());
        drop(long);
        println!("the long one dropped; timers pending: {}", timers.time().pending());
        println!("earliest deadline now: {:?}", timers.time().next_deadline());
    });
    runtime.run();
    Ok(())
}
// ANCHOR_END: main
