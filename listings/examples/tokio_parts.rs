//! Chapter 33: facts about Tokio's timer, tasks and budget that the
//! chapter's tables read in Tokio's source, shown by running Tokio.

use std::future::{Future, pending};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use tokio::runtime::Builder;
use tokio::sync::oneshot;

/// Sends the name of the thread that drops it.
struct SaysWhereItDrops(mpsc::Sender<String>);

impl Drop for SaysWhereItDrops {
    fn drop(&mut self) {
        let here = thread::current().name().unwrap_or("unnamed").to_string();
        let _ = self.0.send(here);
    }
}

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_string()
}

// ANCHOR: timer
/// A paused clock: when nothing can run, the time driver moves the clock to
/// the next deadline instead of sleeping the thread.
fn paused_timer() {
    let mut paused = Builder::new_current_thread();
    let runtime = paused.enable_all().start_paused(true).build().unwrap();
    let started = Instant::now();
    let slept = runtime.block_on(async {
        let before = tokio::time::Instant::now();
        tokio::time::sleep(Duration::from_secs(3600)).await;
        before.elapsed()
    });
    println!("timer: slept {} s of Tokio's clock", slept.as_secs());
    let waited_the_hour = started.elapsed() >= Duration::from_secs(3600);
    println!("       the thread waited the hour: {waited_the_hour}");
}
// ANCHOR_END: timer

// ANCHOR: tasks
/// Runs on a thread named "runtime": a panicking task, an aborted task, and
/// a blocking closure.
fn tasks() {
    let runtime = Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let panicked = tokio::spawn(async { panic!("a task that panics") }).await;
        let after = tokio::spawn(async { 7 }).await.unwrap();
        println!(
            "panic: is_panic() = {}; the next task still returns {after}",
            panicked.unwrap_err().is_panic()
        );

        let (dropped_tx, dropped_on) = mpsc::channel();
        let (started_tx, started) = oneshot::channel();
        let waiting = tokio::spawn(async move {
            let _guard = SaysWhereItDrops(dropped_tx);
            started_tx.send(()).unwrap();
            pending::<()>().await
        });
        started.await.unwrap(); // the task is waiting now
        let abort = waiting.abort_handle();
        thread::Builder::new()
            .name("aborter".into())
            .spawn(move || abort.abort())
            .unwrap();
        let aborted = waiting.await.unwrap_err();
        let dropped_on = dropped_on.recv().unwrap();
        println!(
            "abort: is_cancelled() = {}; the future was dropped on {dropped_on:?}",
            aborted.is_cancelled()
        );

        let blocking_on = tokio::task::spawn_blocking(thread_name).await.unwrap();
        println!(
            "spawn_blocking: ran on {blocking_on:?}; the loop runs on {:?}",
            thread_name()
        );
    });
}
// ANCHOR_END: tasks

// ANCHOR: budget
/// A task that receives 1000 messages, all queued before it starts. Every
/// `recv` spends one unit of the task's budget, 128 per poll.
fn budget() {
    let runtime = Builder::new_current_thread().build().unwrap();
    let polls = runtime.block_on(async {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        (0..1000).for_each(|n| sender.send(n).unwrap());
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&polls);
        let receiving = async move {
            for _ in 0..1000 {
                receiver.recv().await.unwrap();
            }
        };
        tokio::spawn(count_polls(receiving, counted)).await.unwrap();
        polls.load(Ordering::SeqCst)
    });
    println!("budget: 1000 messages, all ready, took {polls} polls of the task");
}
// ANCHOR_END: budget

/// Awaits `future`, adding one to `polls` each time it is polled.
async fn count_polls<F: Future>(future: F, polls: Arc<AtomicUsize>) -> F::Output {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        polls.fetch_add(1, Ordering::SeqCst);
        future.as_mut().poll(cx)
    })
    .await
}

fn main() {
    budget();
    paused_timer();
    let on_runtime = thread::Builder::new().name("runtime".into());
    on_runtime.spawn(tasks).unwrap().join().unwrap();
}
