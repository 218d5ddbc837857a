use std::cell::Cell;
use std::thread;
use std::time::Duration;

use listings::block_on::{block_on_first_try, block_on_spin};
use listings::oneshot;
use listings::poll_count::counting_polls;

// ANCHOR: main
/// A receiver whose value a thread sends after `delay`.
fn answer_after(delay: Duration) -> oneshot::Receiver<u32> {
    let (reply, answer) = oneshot::channel();
    thread::spawn(move || {
        thread::sleep(delay);
        reply.send(42);
    });
    answer
}

fn main() {
    let delay = Duration::from_millis(50);

    let polls = Cell::new(0);
    let answer = block_on_spin(counting_polls(answer_after(delay), &polls));
    // The exact count depends on the machine; on any machine it is large.
    let how_many = if polls.get() > 1000 { "more than 1000" } else { "at most 1000" };
    println!("spinning: {answer:?} after {how_many} polls");

    let polls = Cell::new(0);
    let answer = block_on_first_try(counting_polls(answer_after(delay), &polls));
    println!("sleeping: {answer:?} after {} polls", polls.get());
}
// ANCHOR_END: main
