//! Chapter 36: a waiter in `select!` with a timeout gives up and is
//! dropped while queued; the waiter behind it still gets the lock. Tokio's
//! clock is paused, so the times are exact.

use std::sync::Arc;
use std::time::Duration;

use listings::many_threads::mutex::Mutex;
use tokio::time::{Instant, sleep};

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (mutex, start) = (Arc::new(Mutex::new(0)), Instant::now());
    let guard = mutex.lock().await;

    let impatient = tokio::spawn({
        let mutex = Arc::clone(&mutex);
        async move {
            tokio::select! {
                _guard = mutex.lock() => println!("impatient: got the lock"),
                _ = sleep(Duration::from_millis(30)) => {
                    println!("impatient: gave up after {:?}", start.elapsed());
                }
            }
        }
    });
    let patient = tokio::spawn({
        let mutex = Arc::clone(&mutex);
        async move {
            let mut count = mutex.lock().await;
            *count += 1;
            println!("patient: got the lock after {:?}", start.elapsed());
        }
    });

    sleep(Duration::from_millis(100)).await;
    println!("main: unlocks after {:?}; {mutex:?}", start.elapsed());
    drop(guard);
    impatient.await.unwrap();
    patient.await.unwrap();
    let count = *mutex.lock().await;
    println!("count: {count}; {mutex:?}");
}
// ANCHOR_END: main
