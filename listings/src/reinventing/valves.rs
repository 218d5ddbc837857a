//! The program of chapter 10: greenhouse valves that close on timers, run
//! concurrently by one executor or another.

use std::time::{Duration, Instant};

use listings::reinventing::deadline::Deadline;

// ANCHOR: valves
/// Each valve, and how long it stays open.
pub const VALVES: [(&str, u64); 3] =
    [("vent flap", 600), ("drip line", 200), ("mister", 400)];

/// Waits for the valve's timer, then reports it closed.
pub async fn close_valve(name: &'static str, open_for_ms: u64) {
    Deadline::after(Duration::from_millis(open_for_ms)).await;
    println!("{name} closed after {open_for_ms} ms");
}

/// What the whole run took, compared with the longest timer and the sum.
pub fn report(started: Instant) -> Duration {
    let took = started.elapsed();
    let longest = VALVES.iter().map(|&(_, ms)| ms).max().unwrap();
    let sum: u64 = VALVES.iter().map(|&(_, ms)| ms).sum();
    let near_longest = if took < Duration::from_millis(longest * 3 / 2) {
        "about the longest timer"
    } else {
        "much more than the longest timer"
    };
    let against_sum =
        if took < Duration::from_millis(sum) { "less" } else { "not less" };
    println!(
        "all closed in {near_longest} ({longest} ms), {against_sum} than the sum ({sum} ms)"
    );
    took
}
// ANCHOR_END: valves
