//! Chapter 35: a `send` raced against a deadline in `select!` loses its
//! message when the deadline wins; a `reserve` raced the same way loses
//! nothing, and the message goes through a permit afterwards. Our channel
//! on Part VI's runtime beside `tokio::sync::mpsc` on Tokio's.

use std::io;

use listings::many_threads::channel::demo::{
    Ours, Tokio, send_in_select, side_by_side,
};
use listings::many_threads::mutex::demo::{on_our_runtime, on_tokio_current_thread};

// ANCHOR: main
fn main() -> io::Result<()> {
    let (tasks, ours) = send_in_select::<Ours>();
    on_our_runtime(tasks)?;
    let (tasks, tokio) = send_in_select::<Tokio>();
    on_tokio_current_thread(tasks)?;
    side_by_side(
        ["ours, Part VI's runtime", "tokio::sync::mpsc, Tokio's"],
        &ours,
        &tokio,
        40,
    );
    Ok(())
}
// ANCHOR_END: main
