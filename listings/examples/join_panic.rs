//! Chapter 31: a task that panics is caught, its panic reported through its
//! `JoinHandle`, and the loop goes on with the other tasks.

use std::io;

use listings::block_on::block_on;
use listings::engine::runtime::Runtime;
use listings::engine::task::demo::yield_now;
use listings::engine::task::{Notified, join::panic_message};

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handles: Vec<_> = (1..=3)
        .map(|sensor| {
            runtime.handle().spawn(async move {
                yield_now().await;
                if sensor == 2 {
                    panic!("sensor {sensor} is broken");
                }
                println!("sensor {sensor}: read");
                sensor * 10
            })
        })
        .collect();
    let counts = runtime.run();
    println!("the loop ran {} polls and returned", counts.polls);
    for (sensor, handle) in (1..=3).zip(handles) {
        match block_on(handle) {
            Ok(reading) => println!("sensor {sensor}: Ok({reading})"),
            Err(error) if error.is_panic() => {
                let payload = error.into_panic();
                println!(
                    "sensor {sensor}: Err, is_panic: {:?}",
                    panic_message(payload.as_ref())
                );
            }
            Err(error) => println!("sensor {sensor}: Err({error})"),
        }
    }
    Ok(())
}
// ANCHOR_END: main
