//! Three trains on one line, each a task, interleaving in a printed trace.

use std::future::Future;
use std::time::Duration;

use listings::in_depth::line_clock::LineClock;
use listings::in_depth::runtime::Runtime;
use listings::in_depth::trace::Trace;

// ANCHOR: journey
/// A stop, and how long the train takes to reach it from the previous one.
pub type Leg = (&'static str, u64);

/// Three trains; no two of their events fall at the same time.
pub const TIMETABLE: [(&str, &[Leg]); 3] = [
    ("express", &[("Midtown", 200), ("Harbor", 400)]),
    ("local", &[("Midtown", 400), ("Harbor", 400)]),
    ("freight", &[("Harbor", 1000)]),
];

/// One train's journey, waiting between stops with `wait`.
pub async fn journey<W: Future<Output = ()>>(
    train: &'static str,
    legs: &'static [Leg],
    wait: impl Fn(Duration) -> W,
    trace: Trace,
) {
    trace.say(format!("{train}: departs"));
    for &(stop, millis) in legs {
        wait(Duration::from_millis(millis)).await;
        trace.say(format!("{train}: at {stop}"));
    }
}
// ANCHOR_END: journey

// ANCHOR: on_mini_runtime
/// Runs the timetable on the mini runtime, waiting on the line's clock.
pub fn on_mini_runtime(trace: &Trace) {
    let clock = LineClock::start(TIMETABLE.len());
    let mut runtime = Runtime::new();
    for (train, legs) in TIMETABLE {
        let (clock, trace) = (clock.clone(), trace.clone());
        runtime.spawn(async move {
            journey(train, legs, |delay| clock.after(delay), trace).await;
            clock.arrive();
        });
    }
    let polls = runtime.run();
    trace.say(format!("run loop: {polls} polls, no task alive, returning"));
}
// ANCHOR_END: on_mini_runtime

// ANCHOR: on_tokio
/// Runs the timetable on Tokio, waiting with `tokio::time::sleep`, on a
/// paused clock that jumps to the next timer whenever every task waits.
pub fn on_tokio(trace: &Trace) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut tasks = Vec::new();
        for (train, legs) in TIMETABLE {
            tasks.push(tokio::spawn(journey(
                train,
                legs,
                tokio::time::sleep,
                trace.clone(),
            )));
        }
        for task in tasks {
            task.await.unwrap();
        }
    });
    trace.say("tokio: every task joined, returning");
}
// ANCHOR_END: on_tokio
