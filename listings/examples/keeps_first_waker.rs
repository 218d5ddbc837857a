use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::thread;
use std::time::Duration;

use listings::block_on::block_on;
use listings::own_futures::first_waker::{Flag, WaitForFlag};
use listings::watchdog;

// ANCHOR: main
/// Polls `wait` once with a waker nobody listens to (a runner that has
/// moved on), then hands it to `block_on` while another thread raises `flag`.
fn first_poll_elsewhere(flag: &Flag, wait: WaitForFlag) {
    let mut wait = pin!(wait);
    let _ = wait.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let raiser = flag.clone();
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        raiser.raise();
    });
    block_on(wait);
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
