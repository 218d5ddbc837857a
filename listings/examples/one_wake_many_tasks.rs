use std::sync::mpsc;

use listings::reinventing::sensor::{ReadSensor, when_opened};
use listings::reinventing::wakeful::run_all_woken;

// ANCHOR: main
fn main() {
    // Each sensor answers when its gate opens; the program opens one gate
    // after each round.
    let mut gates = Vec::new();
    let mut reads = Vec::new();
    for (name, reading) in [("thermometer", 21.5), ("hygrometer", 64.0), ("soil", 0.31)]
    {
        let (open, gate) = mpsc::channel::<()>();
        gates.push(open);
        reads.push((name, ReadSensor::new(reading, when_opened(gate))));
    }
    let mut gates = gates.into_iter();
    let polls = run_all_woken(reads, || {
        if let Some(gate) = gates.next() {
            gate.send(()).unwrap();
        }
    });
    // One first poll each, plus one poll after each sensor's own wake.
    let needed = 3 + 3;
    println!("{polls} polls for 3 readings; {needed} would do if a wake said who");
}
// ANCHOR_END: main
