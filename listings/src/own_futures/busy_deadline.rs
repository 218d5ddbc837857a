//! A deadline that keeps itself alive by waking itself on every poll.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

// ANCHOR: busy_deadline
/// Ready once `deadline` has passed. Nothing else will wake it, so it wakes
/// itself before every `Pending`: correct, and never idle.
pub struct BusyDeadline {
    deadline: Instant,
}

pub fn busy_sleep(duration: Duration) -> BusyDeadline {
    BusyDeadline { deadline: Instant::now() + duration }
}

impl Future for BusyDeadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: busy_deadline
