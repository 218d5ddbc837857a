//! Chapter 17: the pinned cursor keeps pointing into itself wherever its box
//! goes, and the `Unpin` facts of the chapter hold. Runs under Miri.

use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use listings::round_trip::round_trip;
use listings::state_machines::pinned_cursor::Cursor;

#[test]
fn a_pinned_cursor_survives_its_box_moving() {
    let cursors: Vec<Pin<Box<Cursor>>> =
        vec![Cursor::new(*b"abcdefgh"), Cursor::new(*b"12345678")];
    // Moving the boxes around moves only the pointers to the cursors.
    let mut moved: Vec<_> = cursors.into_iter().rev().collect();
    moved.swap(0, 1);
    assert!(moved.iter().all(|cursor| cursor.as_ref().points_into_itself()));
    assert_eq!(moved[0].as_ref().first(), b'a');
    assert_eq!(moved[1].as_ref().first(), b'1');
}

#[test]
fn a_fresh_pinned_mut_borrow_keeps_the_pointer_valid() {
    // What every `poll` receives: a new `Pin<&mut Cursor>`, made after
    // `start` was set. Under Stacked Borrows that reborrow would invalidate
    // `start` if `Cursor` were `Unpin`; the test before this one does the
    // same with moves of the box.
    let mut cursor = Cursor::new(*b"abcdefgh");
    let pinned: Pin<&mut Cursor> = cursor.as_mut();
    assert_eq!(pinned.as_ref().first(), b'a');
    assert!(cursor.as_ref().points_into_itself());
}

#[test]
fn box_pin_and_pin_macro_both_drive_an_async_block() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut boxed: Pin<Box<dyn Future<Output = u32>>> =
        Box::pin(async { round_trip(5).await });
    assert!(boxed.as_mut().poll(&mut cx).is_pending());
    // The box is Unpin, so it may move between polls.
    let mut moved = boxed;
    assert_eq!(moved.as_mut().poll(&mut cx), Poll::Ready(5));

    let mut local = pin!(async { round_trip(6).await });
    assert!(local.as_mut().poll(&mut cx).is_pending());
    assert_eq!(local.as_mut().poll(&mut cx), Poll::Ready(6));
}
