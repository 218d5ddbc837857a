//! The exercise of chapter 9 (Listing 9-7): `select`. These tests pass on
//! the book's solution, `listings/src/reinventing/select_first.rs`; on the
//! starter, `listings/exercises/reinventing/select_first.rs`, run with
//! `cargo test -p listings --features starter --test exercise_select_first`,
//! they fail until you have written it.

mod common;

use std::future::{Future, ready};
use std::pin::pin;
use std::task::{Context, Poll};
use std::thread;

use common::{counting_waker, within_limit};
use listings::block_on::block_on;
use listings::oneshot;
use listings::reinventing::select_first::{Either, select};

#[test]
fn the_first_to_arrive_wins_and_the_other_comes_back_unfinished() {
    let (temperature, humidity) = within_limit("select", || {
        let (thermometer, temperature) = oneshot::channel::<f32>();
        let (hygrometer, humidity) = oneshot::channel::<f32>();
        thread::spawn(move || hygrometer.send(64.0));
        let Either::Right((humidity, temperature)) =
            block_on(select(temperature, humidity))
        else {
            panic!("the temperature was never sent, yet it won");
        };
        // The loser is still a live receiver: its value can still arrive.
        thread::spawn(move || thermometer.send(21.5));
        (block_on(temperature), humidity)
    });
    assert_eq!((temperature, humidity), (Ok(21.5), Ok(64.0)));
}

#[test]
fn when_both_are_ready_the_first_wins() {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    match pin!(select(ready("a"), ready("b"))).poll(&mut cx) {
        Poll::Ready(Either::Left(("a", _))) => {}
        other => {
            panic!("expected Left(\"a\"), got {:?}", other.map(|_| "something else"))
        }
    }
}

#[test]
fn both_halves_are_polled_with_the_callers_waker() {
    let (counter, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let (_thermometer, temperature) = oneshot::channel::<f32>();
    let (hygrometer, humidity) = oneshot::channel::<f32>();
    let mut both = pin!(select(temperature, humidity));
    assert!(both.as_mut().poll(&mut cx).is_pending());
    hygrometer.send(64.0);
    assert_eq!(counter.count(), 1, "the second half's wake did not reach us");
    match both.as_mut().poll(&mut cx) {
        Poll::Ready(Either::Right((humidity, _))) => assert_eq!(humidity, Ok(64.0)),
        _ => panic!("the humidity should win"),
    }
}
