use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use listings::checkout::checkout;

// ANCHOR: main
fn main() {
    let mut order = pin!(checkout("ada"));
    let mut cx = Context::from_waker(Waker::noop());
    for poll in 1.. {
        println!("poll {poll}");
        match order.as_mut().poll(&mut cx) {
            Poll::Pending => println!("  -> Pending"),
            Poll::Ready(id) => {
                println!("  -> Ready({id:?})");
                break;
            }
        }
    }
}
// ANCHOR_END: main
