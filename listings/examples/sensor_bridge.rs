//! Chapter 16: a callback API driven as a future, state by state.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::block_on::block_on;
use listings::state_machines::sensor::{read_sensor, take_bus};

// ANCHOR: main
fn main() {
    let mut reading = pin!(read_sensor(7));
    println!("created:      {}", reading.state());

    // Hold the bus, as another device would: the driver cannot measure yet.
    let bus = take_bus();
    let mut cx = Context::from_waker(Waker::noop());
    let first = reading.as_mut().poll(&mut cx);
    println!("first poll:   {first:?}, now {}", reading.state());
    drop(bus); // now it can

    let value = block_on(reading.as_mut());
    println!("block_on:     {value:?}, now {}", reading.state());
}
// ANCHOR_END: main
