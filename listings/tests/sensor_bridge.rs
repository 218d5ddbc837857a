//! Chapter 16: the sensor reading moves through its states in order, starts
//! the driver only when first polled, and refuses a poll after it finished.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::block_on::block_on;
use listings::state_machines::sensor::{read_sensor, take_bus};

mod common;
use common::within_limit;

#[test]
fn a_reading_is_lazy_then_waits_then_finishes() {
    let value = within_limit("a sensor reading", || {
        let mut reading = pin!(read_sensor(3));
        assert_eq!(reading.state(), "not started");
        // While this thread holds the bus the driver cannot answer: the
        // first poll is Pending because of that, not because it was quick.
        let bus = take_bus();
        let mut cx = Context::from_waker(Waker::noop());
        assert!(reading.as_mut().poll(&mut cx).is_pending());
        assert_eq!(reading.state(), "waiting for the driver");
        drop(bus);
        let value = block_on(reading.as_mut());
        assert_eq!(reading.state(), "finished");
        value
    });
    assert_eq!(value, Ok(203));
}

#[test]
#[should_panic(expected = "Reading polled after it completed")]
fn polling_a_finished_reading_panics() {
    let mut reading = pin!(read_sensor(1));
    let _ = block_on(reading.as_mut());
    let _ = reading.as_mut().poll(&mut Context::from_waker(Waker::noop()));
}
