use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::block_on::{block_on, block_on_spin};
use listings::watchdog;

// ANCHOR: main
/// Like `RoundTrip`, minus the call to the waker.
struct ForgetfulRoundTrip {
    sent: bool,
}

impl Future for ForgetfulRoundTrip {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<&'static str> {
        if !self.sent {
            self.sent = true;
            return Poll::Pending; // and nobody is told to poll again
        }
        Poll::Ready("reply")
    }
}

fn main() {
    let reply = block_on_spin(ForgetfulRoundTrip { sent: false });
    println!("block_on_spin: {reply}");

    watchdog::arm(Duration::from_millis(200), "block_on");
    let reply = block_on(ForgetfulRoundTrip { sent: false });
    println!("block_on: {reply}");
}
// ANCHOR_END: main

/// For `listings/tests/block_on.rs`, which proves the hang without waiting.
#[allow(dead_code)]
pub fn forgetful_round_trip() -> impl Future<Output = &'static str> {
    ForgetfulRoundTrip { sent: false }
}
