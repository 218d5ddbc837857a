use std::fs;
use std::future::{Future, poll_fn};
use std::task::Poll;
use std::time::Duration;

// ANCHOR: main
/// How many threads this process has now: one entry each in /proc/self/task
/// (Linux).
fn threads() -> usize {
    fs::read_dir("/proc/self/task").expect("/proc/self/task (Linux)").count()
}

fn main() {
    println!("threads before the runtime: {}", threads());
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    runtime.block_on(async {
        let wait = Duration::from_millis(100);
        let mut sleeps: Vec<_> =
            (0..1000).map(|_| Box::pin(tokio::time::sleep(wait))).collect();
        // One poll each: every sleep hands its deadline and the waker to the
        // runtime's timer.
        poll_fn(|cx| {
            for sleep in &mut sleeps {
                let _ = sleep.as_mut().poll(cx);
            }
            Poll::Ready(())
        })
        .await;
        println!("threads after polling 1000 sleeps once: {}", threads());
        for sleep in sleeps {
            sleep.await;
        }
        println!("threads once all 1000 are done: {}", threads());
    });
}
// ANCHOR_END: main
