use std::thread;
use std::time::Duration;

use listings::reinventing::sensor::ReadSensor;
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
fn main() {
    let read = ReadSensor::new(21.5, || {
        thread::sleep(Duration::from_millis(200)); // the sensor is slow
        println!("sensor: answering, then calling wake");
    });
    let (reading, polls) = run_woken(Traced::new("thermometer", read));
    println!("got {reading} after {polls} polls");
}
// ANCHOR_END: main
