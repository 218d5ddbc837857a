use std::env;

use listings::reinventing::join_std::{Joiner, read_greenhouse};

// ANCHOR: main
fn main() {
    let joiner = match env::args().nth(1).as_deref() {
        Some("futures-fn") => Joiner::FuturesFn,
        Some("futures-macro") => Joiner::FuturesMacro,
        _ => Joiner::Ours,
    };
    for line in read_greenhouse(joiner) {
        println!("{line}");
    }
}
// ANCHOR_END: main
