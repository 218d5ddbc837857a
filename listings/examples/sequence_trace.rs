use listings::reinventing::combinators::{Steps, sequence};
use listings::reinventing::wakeful::{Traced, run_woken};

// ANCHOR: main
fn main() {
    let open_vent = Steps::new("open vent", 1, "vent open");
    let start_fan = Steps::new("start fan", 2, "fan on");
    let both = Traced::new("sequence", sequence(open_vent, start_fan));
    let (outputs, polls) = run_woken(both);
    println!("{outputs:?} after {polls} polls of the sequence");
}
// ANCHOR_END: main
