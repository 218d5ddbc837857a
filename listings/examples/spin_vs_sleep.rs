use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::block_on::{block_on_park, block_on_spin};
use listings::oneshot::{self, Canceled};
use listings::poll_count::counting_polls;

// ANCHOR: main
/// A receiver whose value another thread sends 50 ms after the receiver
/// answered `Pending` for the `nth` time.
fn answer_after_pending(nth: u32) -> impl Future<Output = Result<u32, Canceled>> {
    let (reply, answer) = oneshot::channel();
    let (nth_seen, wait_for_nth) = mpsc::channel();
    thread::spawn(move || {
        wait_for_nth.recv().unwrap();
        thread::sleep(Duration::from_millis(50));
        reply.send(42);
    });
    let mut answer = Box::pin(answer);
    let mut pending_seen = 0;
    poll_fn(move |cx| {
        let poll = answer.as_mut().poll(cx);
        if poll.is_pending() {
            pending_seen += 1;
            if pending_seen == nth {
                let _ = nth_seen.send(());
            }
        }
        poll
    })
}

fn main() {
    let polls = Cell::new(0);
    let answer = block_on_spin(counting_polls(answer_after_pending(1000), &polls));
    // The spinner reaches its 1000th `Pending` on its own; on an idle machine
    // it polls millions of times more during the 50 ms.
    assert!(polls.get() > 1000);
    println!("spinning: {answer:?} after more than 1000 polls");

    let polls = Cell::new(0);
    let answer = block_on_park(counting_polls(answer_after_pending(1), &polls));
    println!("sleeping: {answer:?} after {} polls", polls.get());
}
// ANCHOR_END: main
