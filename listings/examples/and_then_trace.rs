use listings::reinventing::and_then::and_then;
use listings::reinventing::combinators::Steps;
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
/// The calibration table: offset to add to each probe's raw reading.
fn offset_for(probe: &str) -> f32 {
    if probe == "thermometer" { -0.5 } else { 0.0 }
}

fn main() {
    // First ask the bus which probe is on duty, then read that probe.
    let on_duty = Steps::new("bus: who is on duty", 1, "thermometer");
    let calibrated = and_then(on_duty, |probe| {
        println!("  building the second future for {probe}");
        Steps::new("thermometer: read", 2, 22.0 + offset_for(probe))
    });
    let (reading, polls) = run_woken(Traced::new("and_then", calibrated));
    println!("{reading} after {polls} polls");
}
// ANCHOR_END: main
