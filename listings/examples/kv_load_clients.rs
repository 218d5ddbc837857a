//! Chapter 40: two hundred clients at once against the key-value store on
//! two worker threads, every reply checked against what the store owes.

use listings::ship::broken::measure::load_on;
use listings::ship::store::Store;

// ANCHOR: main
fn main() -> std::io::Result<()> {
    let (clients, rounds) = (200, 5);
    let loaded = load_on(Store::default(), 2, clients, rounds)?;
    println!("{clients} clients, {rounds} rounds each of SET, GET, DEL, GET");
    println!(
        "answered as the store owes: {}, wrong: {}",
        loaded.seen.answered,
        loaded.seen.wrong.len()
    );
    let summary = loaded.summary;
    println!(
        "server: {} accepted, {} refused, {} dropped, endings {:?}",
        summary.accepted, summary.refused, summary.dropped, summary.endings
    );
    Ok(())
}
// ANCHOR_END: main
