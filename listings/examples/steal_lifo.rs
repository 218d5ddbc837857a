//! Chapter 34: two tasks that wake each other, and a third spawned with
//! them, on one worker. Without a cap on the LIFO slot the pair runs all
//! its 1000 rounds before the third gets a turn; with a cap of three the
//! third runs sixth.

use listings::many_threads::steal::demo::lifo_starvation;
use listings::many_threads::steal::runtime::Source;

// ANCHOR: main
fn main() {
    for (label, cap) in [("no cap", None), ("cap of 3", Some(3))] {
        let runs = lifo_starvation(cap, 1000);
        println!("{label}:");
        for ran in runs.iter().take(7) {
            let from = match ran.source {
                Source::Lifo => "LIFO slot",
                Source::Local => "local queue",
                Source::Inject => "inject queue",
                Source::Stolen => "stolen",
            };
            println!("  {} from the {from}", ran.task);
        }
        let c = runs.iter().position(|ran| ran.task == "c").unwrap();
        println!("  ... c ran {} of {} runs", c + 1, runs.len());
    }
}
// ANCHOR_END: main
