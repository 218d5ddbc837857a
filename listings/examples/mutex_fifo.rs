//! Chapter 36: four tasks queue for our async mutex in the order c, d, b,
//! and get it in that order, on Part VI's runtime and on Tokio's
//! current-thread runtime: the same program, the same trace; and Tokio's
//! own `tokio::sync::Mutex` gives that trace too.

use std::io;

use listings::many_threads::mutex::Mutex;
use listings::many_threads::mutex::demo::{
    on_our_runtime, on_tokio_current_thread, queue_up,
};

// ANCHOR: main
fn main() -> io::Result<()> {
    let (tasks, ours) = queue_up::<Mutex<_>>();
    on_our_runtime(tasks)?;
    let (tasks, tokio) = queue_up::<Mutex<_>>();
    on_tokio_current_thread(tasks)?;

    let (ours, tokio) = (ours.lock().unwrap(), tokio.lock().unwrap());
    println!("{:<28}Tokio current-thread", "Part VI's runtime");
    for (left, right) in ours.iter().zip(tokio.iter()) {
        println!("{left:<28}{right}");
    }
    println!("same trace: {}", *ours == *tokio);

    let (tasks, theirs) = queue_up::<tokio::sync::Mutex<_>>();
    on_tokio_current_thread(tasks)?;
    println!(
        "same trace with tokio::sync::Mutex: {}",
        *theirs.lock().unwrap() == *tokio
    );
    Ok(())
}
// ANCHOR_END: main
