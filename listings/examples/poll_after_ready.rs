use std::future::Future;
use std::panic;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::oneshot;

// ANCHOR: main
fn main() {
    let (reply, answer) = oneshot::channel();
    reply.send("pong");
    let mut answer = pin!(answer);
    let mut cx = Context::from_waker(Waker::noop());
    println!("first poll: {:?}", answer.as_mut().poll(&mut cx));

    panic::set_hook(Box::new(|_| {})); // keep the panic message off stderr
    let second =
        panic::catch_unwind(panic::AssertUnwindSafe(|| answer.as_mut().poll(&mut cx)));
    let message = second.unwrap_err().downcast::<&str>().unwrap();
    println!("second poll panicked: {message}");
}
// ANCHOR_END: main
