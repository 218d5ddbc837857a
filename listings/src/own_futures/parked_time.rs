//! How long a Tokio runtime's thread sleeps, measured with the runtime's own
//! park hooks: the time it is not sleeping is time it spends on the CPU.

use std::cell::Cell;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use listings::poll_count::counting_polls;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: parked_time
/// How often a runtime's thread has parked, waiting for a wake-up, and for
/// how long in all.
#[derive(Default)]
pub struct ParkedTime {
    since: Mutex<Option<Instant>>,
    parks: Mutex<u32>,
    total: Mutex<Duration>,
}

impl ParkedTime {
    pub fn parks(&self) -> u32 {
        *self.parks.lock().unwrap()
    }

    pub fn total(&self) -> Duration {
        *self.total.lock().unwrap()
    }
}

/// A current-thread runtime that records in `ParkedTime` every time its
/// thread goes to sleep, and for how long.
pub fn runtime_with_parked_time() -> (Runtime, Arc<ParkedTime>) {
    let parked = Arc::new(ParkedTime::default());
    let (on_park, on_unpark) = (Arc::clone(&parked), Arc::clone(&parked));
    let runtime = Builder::new_current_thread()
        .enable_time()
        .on_thread_park(move || {
            *on_park.parks.lock().unwrap() += 1;
            *on_park.since.lock().unwrap() = Some(Instant::now());
        })
        .on_thread_unpark(move || {
            if let Some(start) = on_unpark.since.lock().unwrap().take() {
                *on_unpark.total.lock().unwrap() += start.elapsed();
            }
        })
        .build()
        .unwrap();
    (runtime, parked)
}
// ANCHOR_END: parked_time

// ANCHOR: measure
/// What waiting cost: how often the future was polled, how often the
/// runtime's thread went to sleep, and for what share of the wait (in
/// percent) it was asleep.
#[derive(Debug)]
pub struct WaitCost {
    pub polls: u32,
    pub parks: u32,
    pub asleep_percent: u128,
}

/// Awaits the future `wait()` on a fresh runtime and measures its cost.
pub fn measure<F: Future<Output = ()>>(wait: impl FnOnce() -> F) -> WaitCost {
    let (runtime, parked) = runtime_with_parked_time();
    let polls = Cell::new(0);
    let start = Instant::now();
    runtime.block_on(async { counting_polls(wait(), &polls).await });
    let asleep_percent = parked.total().as_micros() * 100 / start.elapsed().as_micros();
    WaitCost { polls: polls.get(), parks: parked.parks(), asleep_percent }
}
// ANCHOR_END: measure
