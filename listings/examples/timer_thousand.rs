//! Listing 29-8: chapter 10's thousand timers, on our runtime and then on
//! chapter 10's runner, counted.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use listings::engine::runtime::Runtime;
use listings::engine::timer::{sleep_until, threads_in_process};
use listings::reinventing::deadline::{Deadline, WATCHERS_STARTED};
use listings::reinventing::run_queue::run_queue;

const TIMERS: usize = 1000;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let deadline = Instant::now() + Duration::from_millis(500);
    let (most_threads, early) =
        (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    for _ in 0..TIMERS {
        let (timers, most_threads) = (handle.clone(), Arc::clone(&most_threads));
        let early = Arc::clone(&early);
        handle.spawn(async move {
            sleep_until(&timers, deadline).await;
            if Instant::now() < deadline {
                early.fetch_add(1, Ordering::SeqCst);
            }
            let threads = threads_in_process().expect("no /proc/self/status");
            most_threads.fetch_max(threads, Ordering::SeqCst);
        });
    }
    let counts = runtime.run();
    println!(
        "ours: {TIMERS} timers done in {} polls and {} park",
        counts.polls, counts.parks
    );
    let early = early.load(Ordering::SeqCst);
    println!(
        "ours: {} timers fired; sleeps done before the deadline: {early}",
        counts.fired
    );
    println!("ours: timers pending at once, at most: {}", handle.time().most_pending());
    println!("ours: threads in the process: {}", most_threads.load(Ordering::SeqCst));

    let (queue, launcher) = run_queue();
    for _ in 0..TIMERS {
        launcher.launch(async {
            Deadline::after(Duration::from_millis(500)).await;
        });
    }
    let polls = queue.run();
    let watchers = WATCHERS_STARTED.load(Ordering::SeqCst);
    println!("chapter 10: {TIMERS} timers done in {polls} polls");
    println!(
        "chapter 10: threads started: {watchers} watchers and main, {}",
        watchers + 1
    );
    Ok(())
}
// ANCHOR_END: main
