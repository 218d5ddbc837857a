//! Chapter 40: a tokio Mutex held across a write that stalls. Every SET
//! waits behind it; PINGs, which do not take the lock, do not.

use std::time::Duration;

use listings::ship::broken::measure::stall_audit;

// ANCHOR: main
fn main() -> std::io::Result<()> {
    let stalled = stall_audit(100, 100, Duration::from_millis(300))?;
    println!("one SET holds the audit log's lock, stalled in its write");
    println!("  PINGs answered: {} of {}", stalled.pings_answered, stalled.pings);
    println!(
        "  SETs answered within 300 ms: {} of {}",
        stalled.sets_answered_while_stalled, stalled.sets
    );
    println!("the sink is read again");
    println!("  SETs answered OK: {} of {}", stalled.sets_answered_after, stalled.sets);
    println!("  records in the audit log: {}", stalled.records);
    Ok(())
}
// ANCHOR_END: main
