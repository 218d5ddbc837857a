use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::mpsc;
use std::thread::{self, Thread};

use listings::block_on::{block_on, block_on_park};
use listings::oneshot;

// ANCHOR: main
type Job<'a> = Pin<Box<dyn Future<Output = u32> + 'a>>;

/// What the other thread gets: the runner's thread, the sender of the reply,
/// and one message for each poll of the job that answered `Pending`.
type Pest = fn(Thread, oneshot::Sender<u32>, mpsc::Receiver<()>);

/// Runs, under `run`, a job that waits for a reply from the `pest` thread.
/// Returns how often the job was polled.
fn count_polls(run: impl FnOnce(Job<'_>) -> u32, pest: Pest) -> u32 {
    let (reply, answer) = oneshot::channel();
    let (pending, pending_seen) = mpsc::channel();
    let runner = thread::current();
    let pest = thread::spawn(move || pest(runner, reply, pending_seen));

    let polls = Cell::new(0);
    let mut answer = pin!(answer);
    let job = poll_fn(|cx| {
        polls.set(polls.get() + 1);
        let answer = answer.as_mut().poll(cx);
        if answer.is_pending() {
            // Only now, after the job looked for the reply and stored its
            // waker, may the other thread act.
            let _ = pending.send(());
        }
        answer.map(|reply| reply.unwrap())
    });
    assert_eq!(run(Box::pin(job)), 7);
    pest.join().unwrap();
    polls.get()
}

/// The other thread under `block_on_park`: unparks the runner once, for no
/// reason, and waits for the useless poll that follows before it sends.
fn unpark_and_wait_for_the_poll(
    runner: Thread,
    reply: oneshot::Sender<u32>,
    pending_seen: mpsc::Receiver<()>,
) {
    pending_seen.recv().unwrap(); // the first poll answered Pending
    runner.unpark(); // a stray unpark
    pending_seen.recv().unwrap(); // the runner polled again, for nothing
    reply.send(7);
}

/// The other thread under `block_on`, which makes no such poll: unparks the
/// runner three times, then sends.
fn unpark_three_times(
    runner: Thread,
    reply: oneshot::Sender<u32>,
    pending_seen: mpsc::Receiver<()>,
) {
    pending_seen.recv().unwrap(); // the first poll answered Pending
    for _ in 0..3 {
        runner.unpark(); // stray unparks
    }
    reply.send(7);
}

fn main() {
    let polls = count_polls(|job| block_on_park(job), unpark_and_wait_for_the_poll);
    println!("block_on_park: {polls} polls");
    let polls = count_polls(|job| block_on(job), unpark_three_times);
    println!("block_on: {polls} polls");
}
// ANCHOR_END: main
