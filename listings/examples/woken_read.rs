use std::thread;
use std::time::{Duration, Instant};

use listings::reinventing::sensor::ReadSensor;
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
fn main() {
    let started = Instant::now();
    let read = ReadSensor::new(21.5, || {
        thread::sleep(Duration::from_millis(200)); // the sensor is slow
    });
    let (reading, polls) = run_woken(Traced::new("thermometer", read));
    let waited = started.elapsed() >= Duration::from_millis(200);
    println!("got {reading} after {polls} polls; waited at least 200 ms: {waited}");
}
// ANCHOR_END: main
