//! The exercise of chapter 16 (Listing 16-4): `read_both`. These tests pass
//! on the book's solution, `listings/src/state_machines/read_both.rs`; on the
//! starter, `listings/exercises/state_machines/read_both.rs`, run with
//! `cargo test -p listings --features starter --test exercise_read_both`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use common::{LIMIT, counting_waker, within_limit};
use listings::block_on::block_on;
use listings::state_machines::read_both::read_both;
use listings::state_machines::sensor::take_bus;

#[test]
fn read_both_is_ready_with_both_values_in_order() {
    let both = within_limit("block_on(read_both(3, 9))", || block_on(read_both(3, 9)));
    assert_eq!(both, Ok((203, 209)));
}

#[test]
fn read_both_goes_through_its_states_in_order() {
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut both = read_both(1, 2);
    assert_eq!(both.state(), "not started");

    // Holding the bus keeps the driver from answering during the poll.
    let bus = take_bus();
    assert_eq!(Pin::new(&mut both).poll(&mut cx), Poll::Pending);
    assert_eq!(both.state(), "reading the first");
    drop(bus);

    // The first reading's callback wakes the task once its value is in.
    let start = Instant::now();
    while wakes.count() == 0 {
        assert!(start.elapsed() < LIMIT, "the first reading never woke the task");
        thread::sleep(Duration::from_millis(1));
    }
    let bus = take_bus();
    assert_eq!(Pin::new(&mut both).poll(&mut cx), Poll::Pending);
    assert_eq!(both.state(), "reading the second");
    drop(bus);

    let (values, state) = within_limit("finishing read_both", move || {
        let values = block_on(&mut both);
        (values, both.state())
    });
    assert_eq!(values, Ok((201, 202)));
    assert_eq!(state, "finished");
}

#[test]
#[should_panic(expected = "polled after it completed")]
fn read_both_panics_when_polled_after_it_completed() {
    let mut both = read_both(4, 5);
    let mut cx = Context::from_waker(std::task::Waker::noop());
    let start = Instant::now();
    loop {
        assert!(start.elapsed() < LIMIT, "read_both never finished");
        if Pin::new(&mut both).poll(&mut cx).is_ready() {
            break;
        }
        thread::sleep(Duration::from_millis(1));
    }
    let _ = Pin::new(&mut both).poll(&mut cx);
}
