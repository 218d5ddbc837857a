//! Chapter 31: a blocking call inside a task starves every other task of
//! the loop; the same call on `spawn_blocking`'s pool lets them run. Counted
//! in ticks of a second task, not timed.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use listings::block_on::block_on;
use listings::engine::runtime::{Handle, Runtime};
use listings::engine::task::Notified;
use listings::engine::task::blocking::BlockingPool;
use listings::engine::task::demo::yield_now;

/// The ticker answers the waiting task once it has ticked this often.
const TICKS: usize = 10;

// ANCHOR: ticker
/// A task that ticks once per turn of the loop and, at its tenth tick,
/// sends the answer another task waits for.
fn spawn_ticker(rt: &Handle<Notified>, ticks: &Arc<AtomicUsize>, answer: Sender<u32>) {
    let ticks = Arc::clone(ticks);
    rt.spawn(async move {
        while ticks.fetch_add(1, Ordering::SeqCst) + 1 < TICKS {
            yield_now().await;
        }
        let _ = answer.send(42);
    });
}

/// The blocking call: wait for the ticker's answer, or give up after `limit`.
fn wait_for_answer(
    answered: Receiver<u32>,
    limit: Duration,
) -> Result<u32, RecvTimeoutError> {
    answered.recv_timeout(limit)
}
// ANCHOR_END: ticker

// ANCHOR: main
fn main() -> io::Result<()> {
    // Blocking in the task: the loop's thread waits, so the ticker cannot tick.
    let runtime = Runtime::<Notified>::for_tasks()?;
    let (ticks, (answer, answered)) = (Arc::new(AtomicUsize::new(0)), mpsc::channel());
    let seen = Arc::clone(&ticks);
    let waiter = runtime.handle().spawn(async move {
        let answer = wait_for_answer(answered, Duration::from_millis(100));
        (seen.load(Ordering::SeqCst), answer)
    });
    spawn_ticker(&runtime.handle(), &ticks, answer);
    runtime.run();
    let (seen, answer) = block_on(waiter).expect("the task finished");
    println!("blocking inside the task: {seen} ticks while it waited, {answer:?}");

    // On the pool: the task awaits, the loop's thread is free, the ticker ticks.
    let pool = BlockingPool::new(2);
    let runtime = Runtime::<Notified>::for_tasks()?;
    let (ticks, (answer, answered)) = (Arc::new(AtomicUsize::new(0)), mpsc::channel());
    let seen = Arc::clone(&ticks);
    let blocking =
        pool.spawn_blocking(move || wait_for_answer(answered, Duration::from_secs(10)));
    let waiter = runtime.handle().spawn(async move {
        let answer = blocking.await.expect("the closure did not panic");
        (seen.load(Ordering::SeqCst), answer)
    });
    spawn_ticker(&runtime.handle(), &ticks, answer);
    runtime.run();
    let (seen, answer) = block_on(waiter).expect("the task finished");
    println!("on spawn_blocking's pool: {seen} ticks while it waited, {answer:?}");
    Ok(())
}
// ANCHOR_END: main
