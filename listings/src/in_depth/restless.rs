//! A delay that asks to be polled again on every poll.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

// ANCHOR: restless
/// Ready once `deadline` has passed; until then, every poll wakes its own
/// task at once, so the runner polls it again and again.
pub struct Restless {
    deadline: Instant,
}

impl Restless {
    pub fn after(delay: Duration) -> Restless {
        Restless { deadline: Instant::now() + delay }
    }
}

impl Future for Restless {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref(); // "poll me again", right now
        Poll::Pending
    }
}
// ANCHOR_END: restless
