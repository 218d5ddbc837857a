//! A pretend network call, the smallest future that is not ready at once.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: round_trip
/// A request to a pretend service. The first poll sends the request and
/// answers `Pending`; the second poll finds the reply waiting.
pub struct RoundTrip<T> {
    reply: Option<T>,
    sent: bool,
}

pub fn round_trip<T>(reply: T) -> RoundTrip<T> {
    RoundTrip { reply: Some(reply), sent: false }
}

impl<T: Unpin> Future for RoundTrip<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if !self.sent {
            self.sent = true;
            // The reply is "on its way": ask whoever polls us to poll again.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let reply =
            self.reply.take().expect("RoundTrip polled after it returned Ready");
        Poll::Ready(reply)
    }
}
// ANCHOR_END: round_trip
