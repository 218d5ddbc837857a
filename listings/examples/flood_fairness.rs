//! Chapter 20: a 4 MiB response beside another task, with and without a
//! budget of reads per poll. Prints comparisons, not raw counts, which vary
//! from run to run; `tests/fetch_production.rs` asserts the same bounds.

use listings::state_machines::fetch_inline::READ_BUDGET;
use listings::state_machines::production::{TokioBudget, flood_beside_a_ticker};

// ANCHOR: main
fn main() {
    let budget_bytes = READ_BUDGET * 1024; // reads are 1 KiB each

    let with = flood_beside_a_ticker(Some(READ_BUDGET), TokioBudget::Off);
    println!("with a budget of {READ_BUDGET} reads per poll:");
    println!(
        "  every poll read 16 KiB or less: {}",
        with.most_in_one_poll <= budget_bytes
    );
    println!(
        "  the other task ran at least 100 times meanwhile: {}",
        with.ticker_turns_while_reading >= 100
    );

    let without = flood_beside_a_ticker(None, TokioBudget::Off);
    println!("without a budget:");
    println!(
        "  some poll read more than 16 KiB: {}",
        without.most_in_one_poll > budget_bytes
    );
}
// ANCHOR_END: main
