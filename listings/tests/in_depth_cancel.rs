//! Chapter 25: a dropped future runs no more of its code; select! and
//! timeout drop the losers; a read split over two awaits loses data under
//! select!, a buffered one does not.

use std::future::Future;
use std::task::{Context, Waker};
use std::time::Duration;

use listings::in_depth::booking::{Ledger, book_seat};
use listings::in_depth::frames::{
    Buffered, Frames, TwoAwaits, listen, listen_keeping_the_future, sensor, session,
    session_keeping_the_future,
};
use listings::oneshot;
use tokio::io::DuplexStream;
use tokio::sync::mpsc;

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

/// `session`, with the listener and the sensor spawned as two tasks, so
/// that on a multi-thread runtime they can run on two threads at once.
async fn spawned_session<F>(reader: fn(DuplexStream) -> F) -> Vec<String>
where
    F: Frames + Send + 'static,
{
    let (sensor_end, listener_end) = tokio::io::duplex(64);
    let (beat_sender, beats) = mpsc::channel(1);
    let (ack_sender, acks) = mpsc::channel(1);
    let listener = tokio::spawn(listen(reader(listener_end), beats, ack_sender));
    let sensor = tokio::spawn(sensor(sensor_end, beat_sender, acks));
    sensor.await.unwrap();
    listener.await.unwrap()
}

/// The same, with `listen_keeping_the_future` as the listener.
async fn spawned_session_keeping_the_future() -> Vec<String> {
    let (sensor_end, listener_end) = tokio::io::duplex(64);
    let (beat_sender, beats) = mpsc::channel(1);
    let (ack_sender, acks) = mpsc::channel(1);
    let listener =
        tokio::spawn(listen_keeping_the_future(listener_end, beats, ack_sender));
    let sensor = tokio::spawn(sensor(sensor_end, beat_sender, acks));
    sensor.await.unwrap();
    listener.await.unwrap()
}

#[test]
fn two_awaits_in_select_lose_the_length_byte_every_time() {
    for _ in 0..20 {
        let seen = within_limit("a TwoAwaits session on one thread", || {
            current_thread().block_on(session(TwoAwaits))
        });
        assert_eq!(seen, LOST);
        let seen =
            within_limit("a TwoAwaits session in two tasks on two threads", || {
                multi_thread().block_on(spawned_session(TwoAwaits))
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
        let seen =
            within_limit("a Buffered session in two tasks on two threads", || {
                multi_thread().block_on(spawned_session(Buffered::new))
            });
        assert_eq!(seen, KEPT);
    }
}

#[test]
fn a_frame_future_kept_across_turns_keeps_every_frame_every_time() {
    for _ in 0..20 {
        let seen = within_limit("a kept frame future on one thread", || {
            current_thread().block_on(session_keeping_the_future())
        });
        assert_eq!(seen, KEPT);
        let seen =
            within_limit("a kept frame future in two tasks on two threads", || {
                multi_thread().block_on(spawned_session_keeping_the_future())
            });
        assert_eq!(seen, KEPT);
    }
}

#[test]
fn a_send_that_loses_in_select_drops_its_message_and_a_reserve_does_not() {
    current_thread().block_on(async {
        let (readings, mut inbox) = mpsc::channel::<String>(1);
        readings.send("1".to_string()).await.unwrap();
        let message = "2".to_string();
        let lost = tokio::select! {
            biased;
            _ = readings.send(message) => false,
            () = std::future::ready(()) => true,
        };
        assert!(lost);
        // `message` was moved into the send future, dropped with it: the
        // compiler would refuse to use it here.
        let kept = "3".to_string();
        tokio::select! {
            biased;
            permit = readings.reserve() => permit.unwrap().send(kept.clone()),
            () = std::future::ready(()) => {}
        }
        assert_eq!(kept, "3", "still ours after the reserve lost");
        assert_eq!(inbox.recv().await.as_deref(), Some("1"));
        assert!(inbox.try_recv().is_err(), "the lost send put nothing in the channel");
    });
}
