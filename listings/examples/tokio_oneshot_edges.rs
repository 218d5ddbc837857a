use std::future::Future;
use std::panic;
use std::pin::pin;
use std::task::{Context, Waker};

use tokio::sync::oneshot;

// ANCHOR: main
fn main() {
    // A sender dropped without sending: the receiver resolves with an error.
    let (reply, answer) = oneshot::channel::<i64>();
    drop(reply);
    println!("dropped sender: {:?}", futures::executor::block_on(answer));

    // A send after the receiver is gone hands the value back.
    let (reply, answer) = oneshot::channel::<i64>();
    drop(answer);
    println!("send without a receiver: {:?}", reply.send(5));

    // A receiver polled again after it returned Ready.
    let (reply, answer) = oneshot::channel();
    reply.send("pong").unwrap();
    let mut answer = pin!(answer);
    let mut cx = Context::from_waker(Waker::noop());
    println!("first poll: {:?}", answer.as_mut().poll(&mut cx));
    panic::set_hook(Box::new(|_| {}));
    let second =
        panic::catch_unwind(panic::AssertUnwindSafe(|| answer.as_mut().poll(&mut cx)));
    let message = second.unwrap_err().downcast::<&str>().map(|m| m.to_string());
    println!(
        "second poll panicked: {}",
        message.unwrap_or_else(|_| "(a formatted message)".into())
    );
}
// ANCHOR_END: main
