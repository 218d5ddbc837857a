use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::thread;
use std::time::Duration;

use listings::checkout::checkout;

// ANCHOR: main
fn main() {
    let mut order = pin!(checkout("ada"));
    let mut cx = Context::from_waker(Waker::noop());
    for poll in 1..=2 {
        println!("poll {poll}");
        let answer = order.as_mut().poll(&mut cx);
        assert!(answer.is_pending());
        println!("  -> Pending");
    }
    println!("(no more polls; waiting 200 ms to give the checkout every chance)");
    thread::sleep(Duration::from_millis(200));
    println!("the payment never got its receipt, and the order was never confirmed");
}
// ANCHOR_END: main
