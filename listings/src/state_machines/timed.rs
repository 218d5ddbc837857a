//! The exercise of chapter 18 and its solution (shown in the appendix):
//! `timed`, a pin-projected wrapper that measures how long its future took.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::time::Instant;

// ANCHOR: solution
// ANCHOR: exercise
/// Wraps `inner`, which need not be `Unpin`, and is ready with its output and
/// the time from the wrapper's first poll to its `Ready`, read from
/// `tokio::time::Instant` (so that a paused Tokio clock controls it).
pub fn timed<F: Future>(inner: F) -> Timed<F> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Timed { inner, started: None }
    // ANCHOR_END: todo
}
// ANCHOR: cut

pin_project! {
    /// The future, pinned with the wrapper, and when it was first polled.
    pub struct Timed<F> {
        #[pin]
        inner: F,
        started: Option<Instant>,
    }
}

impl<F: Future> Future for Timed<F> {
    type Output = (F::Output, Duration);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project(); // inner: Pin<&mut F>, started: &mut Option<Instant>
        let started = *this.started.get_or_insert_with(Instant::now);
        let output = ready!(this.inner.poll(cx));
        Poll::Ready((output, started.elapsed()))
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace it
// /// with a pin-projected struct, and write `poll`.
// pub struct Timed<F>(std::marker::PhantomData<F>, Option<Instant>);
//
// impl<F: Future> Future for Timed<F> {
//     type Output = (F::Output, Duration);
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
