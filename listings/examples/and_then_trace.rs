use listings::reinventing::and_then::and_then;
use listings::reinventing::combinators::Steps;
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
/// The read for each probe on the bus: its own name, how many polls it
/// takes, and the calibrated reading it gives.
fn read(probe: &str) -> Steps<f32> {
    match probe {
        "thermometer" => Steps::new("thermometer: read", 2, 22.0 - 0.5),
        "hygrometer" => Steps::new("hygrometer: read", 4, 64.0),
        other => panic!("no probe called {other} on the bus"),
    }
}

fn main() {
    // First ask the bus which probe is on duty, then read that probe.
    let on_duty = Steps::new("bus: who is on duty", 1, "thermometer");
    let reading = and_then(on_duty, |probe| {
        println!("  building the second future for {probe}");
        read(probe)
    });
    let (value, polls) = run_woken(Traced::new("and_then", reading));
    println!("{value} after {polls} polls");
}
// ANCHOR_END: main
