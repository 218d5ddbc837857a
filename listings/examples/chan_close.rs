//! Chapter 35: closing from either side. Two producers send and drop their
//! senders: the consumer drains the channel, then sees `None`. A receiver
//! closes the channel while a producer waits: the waiting `send` gives the
//! message back, and the receiver still drains what was buffered. Our
//! channel on Part VI's runtime beside `tokio::sync::mpsc` on Tokio's.

use std::io;

use listings::many_threads::channel::demo::{
    Ours, Tokio, receiver_closes, senders_hang_up, side_by_side,
};
use listings::many_threads::mutex::demo::{on_our_runtime, on_tokio_current_thread};

// ANCHOR: main
fn main() -> io::Result<()> {
    let titles = ["ours, Part VI's runtime", "tokio::sync::mpsc, Tokio's"];

    println!("-- the senders hang up --");
    let (tasks, ours) = senders_hang_up::<Ours>();
    on_our_runtime(tasks)?;
    let (tasks, tokio) = senders_hang_up::<Tokio>();
    on_tokio_current_thread(tasks)?;
    side_by_side(titles, &ours, &tokio, 34);

    println!("-- the receiver closes --");
    let (tasks, ours) = receiver_closes::<Ours>();
    on_our_runtime(tasks)?;
    let (tasks, tokio) = receiver_closes::<Tokio>();
    on_tokio_current_thread(tasks)?;
    side_by_side(titles, &ours, &tokio, 34);
    Ok(())
}
// ANCHOR_END: main
