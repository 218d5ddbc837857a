use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::block_on::{block_on, block_on_first_try};
use listings::oneshot;

// ANCHOR: main
type Job<'a> = Pin<Box<dyn Future<Output = u32> + 'a>>;

/// Runs a job that waits for a reply while another thread unparks the
/// running thread once, for no reason. Returns how often the job was polled.
fn polls_with_a_stray_unpark(run: impl FnOnce(Job<'_>) -> u32) -> u32 {
    let (reply, answer) = oneshot::channel();
    let (polled, polls_seen) = mpsc::channel();
    let runner = thread::current();
    let pest = thread::spawn(move || {
        polls_seen.recv().unwrap(); // the first poll has happened
        runner.unpark(); // the stray unpark
        // A runner that polls on any unpark polls again now; give it a second.
        let polled_again = polls_seen.recv_timeout(Duration::from_secs(1)).is_ok();
        reply.send(7);
        polled_again
    });

    let polls = Cell::new(0);
    let mut answer = pin!(answer);
    let job = poll_fn(|cx| {
        polls.set(polls.get() + 1);
        let _ = polled.send(());
        answer.as_mut().poll(cx).map(|reply| reply.unwrap())
    });
    assert_eq!(run(Box::pin(job)), 7);
    let polled_again = pest.join().unwrap();
    assert_eq!(polled_again, polls.get() > 2);
    polls.get()
}

fn main() {
    let polls = polls_with_a_stray_unpark(|job| block_on_first_try(job));
    println!("block_on_first_try: {polls} polls");
    let polls = polls_with_a_stray_unpark(|job| block_on(job));
    println!("block_on: {polls} polls");
}
// ANCHOR_END: main
