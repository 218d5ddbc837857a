//! Chapter 31: `abort` from another thread. The loop's thread drops the
//! future at the task's next turn instead of polling it, and the handle
//! resolves to a cancelled `JoinError`.

use std::future::pending;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use listings::block_on::block_on;
use listings::engine::runtime::{Runtime, count_polls};
use listings::engine::task::Notified;
use listings::engine::task::demo::Loud;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let rt = runtime.handle();
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let task = rt.spawn(async move {
        let _in_the_future = Loud("the future");
        count_polls(pending::<()>(), &counted).await; // never ready
    });
    let loop_thread = thread::Builder::new().name("runtime".into());
    let runner = loop_thread.spawn(move || runtime.run())?;

    rt.wait_until_parked(1, Duration::from_secs(10))?; // polled once, idle
    println!("idle after its first poll: {:?}", task.state());
    println!("abort() on thread {:?}", thread::current().name().unwrap());
    task.abort();
    match block_on(task) {
        Err(error) => println!(
            "the JoinHandle: Err({error}), is_cancelled: {}",
            error.is_cancelled()
        ),
        Ok(()) => println!("the JoinHandle: Ok, the task was not aborted"),
    }
    runner.join().unwrap();
    println!("polls of the future: {}", polls.load(Ordering::SeqCst));
    Ok(())
}
// ANCHOR_END: main
