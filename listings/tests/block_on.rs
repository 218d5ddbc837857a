//! The behaviours chapter 5 promises of `listings::block_on`.

use std::cell::Cell;
use std::future::ready;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::block_on::{block_on, block_on_first_try, block_on_spin};
use listings::oneshot;
use listings::poll_count::counting_polls;

#[test]
fn every_runner_returns_the_output_of_a_ready_future() {
    assert_eq!(block_on_spin(ready(1)), 1);
    assert_eq!(block_on_first_try(ready(2)), 2);
    assert_eq!(block_on(ready(3)), 3);
}

#[test]
fn block_on_polls_once_per_wake_through_a_storm_of_stray_unparks() {
    let (done, finished) = mpsc::channel();
    thread::spawn(move || {
        let (reply, answer) = oneshot::channel();
        let (started, has_started) = mpsc::channel();
        let runner = thread::current();
        let pest = thread::spawn(move || {
            has_started.recv().unwrap(); // block_on has polled once
            for _ in 0..100 {
                runner.unpark();
                thread::sleep(Duration::from_micros(200));
            }
            reply.send("value");
        });
        let polls = Cell::new(0);
        let job = async {
            started.send(()).unwrap();
            answer.await
        };
        let value = block_on(counting_polls(job, &polls));
        pest.join().unwrap();
        done.send((value, polls.get())).unwrap();
    });
    let (value, polls) =
        finished.recv_timeout(Duration::from_secs(10)).expect("block_on hung");
    assert_eq!(value, Ok("value"));
    assert_eq!(
        polls, 2,
        "one poll to start, one after the real wake; stray unparks cost nothing"
    );
}
