//! The exercise of chapter 15 (Listing 15-8): `fuse`. These tests pass on the
//! book's solution, `listings/src/own_futures/fuse.rs`; on the starter,
//! `listings/exercises/own_futures/fuse.rs`, run with
//! `cargo test -p listings --features starter --test exercise_fuse`, they
//! fail until you have written it.

mod common;

use std::cell::Cell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll};

use common::counting_waker;
use futures::future::FusedFuture;
use listings::own_futures::fuse::fuse;
use listings::own_futures::ready_after::ReadyAfter;

#[test]
fn fuse_answers_pending_after_ready_without_polling_again() {
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fused = pin!(fuse(ReadyAfter::waking(2)));
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Ready(2));
    // Unfused, `ReadyAfter` would count a third poll and answer `Ready(3)`.
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(fused.as_mut().poll(&mut cx), Poll::Pending);
    assert_eq!(wakes.count(), 1, "only the inner future's one wake");
}

/// Ready at once with 7; notes when it is dropped.
struct NotesDrop(Rc<Cell<bool>>);

impl Future for NotesDrop {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        Poll::Ready(7)
    }
}

impl Drop for NotesDrop {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[test]
fn fuse_drops_the_inner_future_as_soon_as_it_is_ready() {
    let dropped = Rc::new(Cell::new(false));
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let mut fused = fuse(NotesDrop(Rc::clone(&dropped)));
    assert_eq!(Pin::new(&mut fused).poll(&mut cx), Poll::Ready(7));
    assert!(dropped.get(), "the inner future outlived its Ready");
    assert_eq!(Pin::new(&mut fused).poll(&mut cx), Poll::Pending);
}

#[test]
fn fuse_is_terminated_only_after_ready() {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let mut fused = fuse(ReadyAfter::waking(2));
    assert!(!fused.is_terminated(), "terminated before its first poll");
    assert_eq!(Pin::new(&mut fused).poll(&mut cx), Poll::Pending);
    assert!(!fused.is_terminated(), "terminated while still pending");
    assert_eq!(Pin::new(&mut fused).poll(&mut cx), Poll::Ready(2));
    assert!(fused.is_terminated(), "not terminated after Ready");
}
