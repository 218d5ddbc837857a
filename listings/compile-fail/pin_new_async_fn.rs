use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

use listings::checkout::checkout;

// ANCHOR: main
fn main() {
    let mut order = checkout("ada");
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut order).poll(&mut cx);
}
// ANCHOR_END: main
