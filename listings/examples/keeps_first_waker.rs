use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::mpsc;
use std::task::{Context, Waker};
use std::thread;
use std::time::Duration;

use listings::block_on::block_on;
use listings::own_futures::first_waker::{Flag, WaitForFlag};
use listings::watchdog;

// ANCHOR: main
/// Polls `wait` once with a waker nobody listens to (a runner that has
/// moved on), then hands it to `block_on`. Another thread raises `flag` as
/// soon as `block_on` has polled `wait` and heard `Pending`.
fn first_poll_elsewhere(flag: &Flag, wait: WaitForFlag) {
    let mut wait = pin!(wait);
    let _ = wait.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let (polled, first_poll_done) = mpsc::channel();
    let raiser = flag.clone();
    thread::spawn(move || {
        first_poll_done.recv().unwrap();
        raiser.raise();
    });
    block_on(poll_fn(|cx| {
        let answer = wait.as_mut().poll(cx);
        let _ = polled.send(()); // the raiser listens to the first one only
        answer
    }));
}

fn main() {
    let flag = Flag::default();
    first_poll_elsewhere(&flag, flag.wait());
    println!("wait(): block_on saw the flag");

    let flag = Flag::default();
    watchdog::arm(Duration::from_millis(500), "block_on");
    first_poll_elsewhere(&flag, flag.wait_keeping_first_waker());
    println!("wait_keeping_first_waker(): block_on saw the flag");
}
// ANCHOR_END: main
