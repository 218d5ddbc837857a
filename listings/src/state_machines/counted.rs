//! Chapter 18: pin projection by hand. A wrapper future that counts the
//! polls of the future it wraps. Checked under Miri (`ci/miri.sh`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: counted
/// Wraps `inner` and counts how often it is polled.
pub struct Counted<F> {
    inner: F,   // structural: pinned whenever `Counted` is
    polls: u32, // not structural: a plain `&mut u32` is fine
}

pub fn counted<F: Future>(inner: F) -> Counted<F> {
    Counted { inner, polls: 0 }
}

impl<F> Counted<F> {
    /// Splits a pinned `Counted` into a pinned `inner` and a free `polls`.
    fn project(self: Pin<&mut Self>) -> (Pin<&mut F>, &mut u32) {
        // SAFETY: `inner` stays where it is until it is dropped: no method
        // gives `&mut F` or `F` from `Pin<&mut Self>` or writes over `inner`,
        // there is no `Drop` impl, `Counted` is not `repr(packed)`, and it is
        // `Unpin` only when `F` is (the auto trait, not a manual impl).
        // `polls` is never pinned, so handing out `&mut u32` is fine.
        unsafe {
            let this = self.get_unchecked_mut();
            (Pin::new_unchecked(&mut this.inner), &mut this.polls)
        }
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (inner, polls) = self.project();
        *polls += 1;
        match inner.poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, *polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: counted
