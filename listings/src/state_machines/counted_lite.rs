//! Chapter 18: the same wrapper as `counted`, with the projection written
//! by `pin-project-lite`. No `unsafe` in this file.

use std::future::{Future, Ready};
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use static_assertions::{assert_impl_all, assert_not_impl_any};

use listings::state_machines::counted::Counted;

// ANCHOR: counted_lite
pin_project! {
    /// Wraps `inner` and counts how often it is polled.
    pub struct CountedLite<F> {
        #[pin]
        inner: F,
        polls: u32,
    }
}

pub fn counted_lite<F: Future>(inner: F) -> CountedLite<F> {
    CountedLite { inner, polls: 0 }
}

impl<F: Future> Future for CountedLite<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project(); // inner: Pin<&mut F>, polls: &mut u32
        *this.polls += 1;
        let output = ready!(this.inner.poll(cx));
        Poll::Ready((output, *this.polls))
    }
}
// ANCHOR_END: counted_lite

// ANCHOR: unpin
// Both wrappers are `Unpin` exactly when the future they wrap is: the hand
// version by the auto trait, the macro's by the impl it generates.
assert_impl_all!(Counted<Ready<u8>>: Unpin);
assert_not_impl_any!(Counted<PhantomPinned>: Unpin);
assert_impl_all!(CountedLite<Ready<u8>>: Unpin);
assert_not_impl_any!(CountedLite<PhantomPinned>: Unpin);
// ANCHOR_END: unpin
