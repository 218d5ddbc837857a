//! Chapter 35: a producer faster than its consumer, on a channel with room
//! for two: it waits in `send` whenever the buffer is full. Our channel on
//! Part VI's runtime and `tokio::sync::mpsc` on Tokio's current-thread
//! runtime print the same trace; so does ours on Tokio's runtime.

use std::io;

use listings::many_threads::channel::demo::{
    Ours, Tokio, backpressure, lines, side_by_side,
};
use listings::many_threads::mutex::demo::{on_our_runtime, on_tokio_current_thread};

// ANCHOR: main
fn main() -> io::Result<()> {
    let (tasks, ours) = backpressure::<Ours>();
    on_our_runtime(tasks)?;
    let (tasks, tokio) = backpressure::<Tokio>();
    on_tokio_current_thread(tasks)?;
    let titles = ["ours, Part VI's runtime", "tokio::sync::mpsc, Tokio's"];
    side_by_side(titles, &ours, &tokio, 34);

    let (tasks, ours_on_tokio) = backpressure::<Ours>();
    on_tokio_current_thread(tasks)?;
    println!(
        "same trace with ours on Tokio's runtime: {}",
        lines(&ours_on_tokio) == lines(&ours)
    );
    Ok(())
}
// ANCHOR_END: main
