//! Chapter 36: fairness measured. Three tasks take 30 turns in all on one
//! mutex, each asking again right after its unlock: ours hands the lock
//! over, the barging variant lets the task that just unlocked take it back,
//! and Tokio's mutex is FIFO too. Counted turns, the same on every run.

use std::io;

use listings::many_threads::mutex::Mutex;
use listings::many_threads::mutex::barging::BargingMutex;
use listings::many_threads::mutex::demo::{
    AsyncMutex, Task, Turns, fairness, log_of, on_our_runtime, on_tokio_current_thread,
};

const TASKS: usize = 3;
const TURNS: usize = 30;

/// Runs the fairness program on mutex `M` with `run`, and counts the turns.
fn measure<M: AsyncMutex<Vec<usize>>>(
    run: fn(Vec<Task>) -> io::Result<()>,
) -> io::Result<Turns> {
    let (tasks, mutex) = fairness::<M>(TASKS, TURNS);
    run(tasks)?;
    Ok(Turns::count(&log_of(mutex), TASKS))
}

// ANCHOR: main
fn main() -> io::Result<()> {
    let rows = [
        ("ours (hands over)", "Part VI", measure::<Mutex<_>>(on_our_runtime)?),
        ("ours (hands over)", "Tokio", measure::<Mutex<_>>(on_tokio_current_thread)?),
        ("barging", "Part VI", measure::<BargingMutex<_>>(on_our_runtime)?),
        ("barging", "Tokio", measure::<BargingMutex<_>>(on_tokio_current_thread)?),
        (
            "tokio::sync::Mutex",
            "Tokio",
            measure::<tokio::sync::Mutex<_>>(on_tokio_current_thread)?,
        ),
    ];
    println!("{:<20}{:<10}{:<18}longest run", "mutex", "runtime", "turns per task");
    for (mutex, runtime, turns) in rows {
        let per_task = format!("{:?}", turns.per_task);
        println!("{mutex:<20}{runtime:<10}{per_task:<18}{}", turns.longest_run);
    }
    Ok(())
}
// ANCHOR_END: main
