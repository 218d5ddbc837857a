//! Listing 28-27: a thread that wakes a task while the loop is blocked in
//! `poll` with no socket to watch: the `mio::Waker` ends the block.

use std::io;
use std::thread;

use futures::channel::oneshot;
use listings::engine::readiness::EVENT_LIMIT;
use listings::engine::runtime::Runtime;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (sender, receiver) = oneshot::channel();

    let loop_handle = handle.clone();
    let worker = thread::spawn(move || -> io::Result<()> {
        loop_handle.wait_until_parked(1, EVENT_LIMIT)?; // blocked in poll, no timeout
        sender.send("done on another thread").unwrap(); // wakes the task
        Ok(())
    });
    handle.spawn(async move {
        let message = receiver.await.unwrap();
        println!("task got {message:?}");
    });

    let counts = runtime.run();
    worker.join().unwrap()?;
    println!("task polls: {}, loop parks: {}", counts.polls, counts.parks);
    Ok(())
}
// ANCHOR_END: main
