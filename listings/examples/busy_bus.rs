use listings::reinventing::eventually::{Probe, poll_until_all_ready};

// ANCHOR: main
fn main() {
    let probes = vec![
        Probe::new("thermometer", 3, 21.5),
        Probe::new("hygrometer", 10, 64.0),
        Probe::new("soil probe", 1000, 0.31),
    ];
    let (readings, tally) = poll_until_all_ready(probes);
    for (name, value) in readings {
        println!("{name}: {value}");
    }
    let ready = tally.polls - tally.pending;
    println!(
        "{} polls: {ready} got a reading, {} got Pending",
        tally.polls, tally.pending
    );
}
// ANCHOR_END: main
