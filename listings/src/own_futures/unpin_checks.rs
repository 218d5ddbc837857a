//! Which of the book's futures are `Unpin`, checked by the compiler: this
//! module compiles only if every assertion holds.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use static_assertions::{assert_impl_all, assert_not_impl_any};

use listings::checkout::checkout;
use listings::oneshot::Receiver;
use listings::own_futures::busy_deadline::BusyDeadline;
use listings::own_futures::ready_after::ReadyAfter;
use listings::own_futures::thread_timer::ThreadTimer;
use listings::poll_count::counting_polls;
use listings::round_trip::RoundTrip;

// ANCHOR: named
// Structs of plain fields: numbers, flags, an `Instant`, an `Option<Arc<..>>`.
assert_impl_all!(ReadyAfter: Future, Unpin);
assert_impl_all!(BusyDeadline: Future, Unpin);
assert_impl_all!(ThreadTimer: Future, Unpin);
// Part I's: the round trip of chapter 3, the receiver of chapter 4.
assert_impl_all!(RoundTrip<u32>: Future, Unpin);
assert_impl_all!(Receiver<String>: Future, Unpin);
// A struct is Unpin only if all its fields are.
assert_impl_all!(RoundTrip<Receiver<String>>: Unpin);
assert_not_impl_any!(RoundTrip<std::marker::PhantomPinned>: Unpin);
// Unless its author promises more: std's `Ready<T>` never pins its `T`, and
// says `impl<T> Unpin for Ready<T> {}`.
assert_impl_all!(std::future::Ready<std::marker::PhantomPinned>: Future, Unpin);
// A box is Unpin whatever it holds: moving the box leaves its contents put.
assert_impl_all!(Pin<Box<dyn Future<Output = ()>>>: Unpin);
// ANCHOR_END: named

// ANCHOR: opaque
/// The future of an `async fn` has no name to write in `assert_not_impl_any!`,
/// so this does the same check on a value: it compiles only if `T` is *not*
/// `Unpin` (for an `Unpin` type the two impls below both apply, and the
/// compiler cannot choose).
fn assert_not_unpin<T, Which>(_: &T)
where
    T: AmbiguousIfUnpin<Which>,
{
}

trait AmbiguousIfUnpin<Which> {}
impl<T> AmbiguousIfUnpin<()> for T {}
impl<T: Unpin> AmbiguousIfUnpin<u8> for T {}

/// Never needs to run: it compiles only if each future here is not `Unpin`.
pub fn the_futures_of_async_fns_are_not_unpin() {
    assert_not_unpin(&checkout("ada"));
    let polls = Cell::new(0);
    assert_not_unpin(&counting_polls(std::future::ready(1), &polls));
    assert_not_unpin(&async { 1 });
}
// ANCHOR_END: opaque
