use listings::reinventing::combinators::{Steps, join};
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
fn main() {
    let thermometer = Steps::new("thermometer", 1, 21.5);
    let hygrometer = Steps::new("hygrometer", 3, 64.0);
    let both = Traced::new("join", join(thermometer, hygrometer));
    let (readings, polls) = run_woken(both);
    println!("{readings:?} after {polls} polls of the join");
}
// ANCHOR_END: main
