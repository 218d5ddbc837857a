//! A future that breaks the rule "never block in poll".

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

// ANCHOR: blocking
/// Waits for `duration` the wrong way: by putting the executor's thread
/// to sleep inside `poll`.
pub struct BlockingSleep {
    pub duration: Duration,
}

impl Future for BlockingSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        thread::sleep(self.duration); // no other task on this thread runs
        Poll::Ready(())
    }
}
// ANCHOR_END: blocking
