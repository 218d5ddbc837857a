//! Chapter 25: a dropped future runs no more of its code; select! and
//! timeout drop the losers; a read split over two awaits loses data under
//! select!, a buffered one does not.

use std::future::Future;
use std::task::{Context, Waker};
use std::time::Duration;

use listings::in_depth::booking::{Ledger, book_seat};
use listings::in_depth::frames::{Buffered, TwoAwaits, session};
use listings::oneshot;

mod common;
use common::within_limit;

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap()
}

fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap()
}

#[test]
fn a_dropped_booking_never_charges_and_releases_its_hold() {
    let ledger = Ledger::default();
    let (confirm, payment) = oneshot::channel();
    let mut booking = Box::pin(book_seat("seat 1A", payment, &ledger));
    assert!(
        booking.as_mut().poll(&mut Context::from_waker(Waker::noop())).is_pending()
    );
    assert_eq!(ledger.holds_released.get(), 0, "the hold lives while the future does");
    drop(booking);
    assert_eq!(ledger.holds_released.get(), 1);
    confirm.send(50);
    assert_eq!(ledger.charged.get(), 0, "code after the await ran");
}

#[test]
fn select_and_timeout_drop_the_booking_that_loses() {
    within_limit("select and timeout", || {
        let ledger = Ledger::default();
        current_thread().block_on(async {
            let (_confirm, payment) = oneshot::channel::<u32>();
            let timer_won = tokio::select! {
                () = book_seat("seat 2A", payment, &ledger) => false,
                () = tokio::time::sleep(Duration::from_millis(20)) => true,
            };
            assert!(timer_won);
            let (_confirm, payment) = oneshot::channel::<u32>();
            let limited = tokio::time::timeout(
                Duration::from_millis(20),
                book_seat("seat 2B", payment, &ledger),
            );
            assert!(limited.await.is_err());
        });
        assert_eq!(ledger.charged.get(), 0);
        assert_eq!(ledger.holds_released.get(), 2);
    });
}

#[test]
fn a_booking_that_wins_the_race_charges() {
    within_limit("a booking that wins", || {
        let ledger = Ledger::default();
        current_thread().block_on(async {
            let (confirm, payment) = oneshot::channel::<u32>();
            confirm.send(70);
            tokio::select! {
                () = book_seat("seat 2C", payment, &ledger) => {}
                () = tokio::time::sleep(Duration::from_secs(5)) => panic!("timer won"),
            }
        });
        assert_eq!(ledger.charged.get(), 70);
    });
}

const LOST: [&str; 2] = ["heartbeat 1", "read failed: early eof"];
const KEPT: [&str; 4] =
    ["heartbeat 1", "frame \"ping\"", "frame \"pong\"", "wire closed"];

#[test]
fn two_awaits_in_select_lose_the_length_byte_every_time() {
    for _ in 0..20 {
        let seen = within_limit("a TwoAwaits session on one thread", || {
            current_thread().block_on(session(TwoAwaits))
        });
        assert_eq!(seen, LOST);
        let seen = within_limit("a TwoAwaits session on two threads", || {
            multi_thread().block_on(session(TwoAwaits))
        });
        assert_eq!(seen, LOST);
    }
}

#[test]
fn a_buffer_outside_select_keeps_every_frame_every_time() {
    for _ in 0..20 {
        let seen = within_limit("a Buffered session on one thread", || {
            current_thread().block_on(session(Buffered::new))
        });
        assert_eq!(seen, KEPT);
        let seen = within_limit("a Buffered session on two threads", || {
            multi_thread().block_on(session(Buffered::new))
        });
        assert_eq!(seen, KEPT);
    }
}
