//! Chapter 20: a large response beside another task, with and without a
//! budget of reads per poll. Prints only what follows from the order of
//! events, never a count that varies from run to run;
//! `tests/fetch_production.rs` asserts the same.

use listings::state_machines::fetch_inline::READ_BUDGET;
use listings::state_machines::production::{
    TokioBudget, a_response_already_waiting, flood_beside_a_ticker,
};

// ANCHOR: main
fn main() {
    let budget_bytes = READ_BUDGET * 1024; // reads are 1 KiB each

    let with = flood_beside_a_ticker(Some(READ_BUDGET), TokioBudget::Off);
    println!("4 MiB with a budget of {READ_BUDGET} reads per poll:");
    println!(
        "  every poll read 16 KiB or less: {}",
        with.most_in_one_poll <= budget_bytes
    );
    println!(
        "  the other task ran at least 100 times meanwhile: {}",
        with.ticker_turns_while_reading >= 100
    );

    println!("32 KiB already waiting in the socket:");
    let without = a_response_already_waiting(None);
    println!("  without a budget, one poll read {} KiB", without / 1024);
    let with = a_response_already_waiting(Some(READ_BUDGET));
    println!("  with the budget, one poll read at most {} KiB", with / 1024);
}
// ANCHOR_END: main
