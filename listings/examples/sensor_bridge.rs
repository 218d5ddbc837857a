//! Chapter 16: a callback API driven as a future, state by state.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::block_on::block_on;
use listings::state_machines::sensor::read_sensor;

// ANCHOR: main
fn main() {
    let mut reading = pin!(read_sensor(7));
    println!("created:      {}", reading.state());

    let mut cx = Context::from_waker(Waker::noop());
    let first = reading.as_mut().poll(&mut cx);
    println!("first poll:   {first:?}, now {}", reading.state());

    let value = block_on(reading.as_mut());
    println!("block_on:     {value:?}, now {}", reading.state());
}
// ANCHOR_END: main
