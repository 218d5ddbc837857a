use std::time::{Duration, Instant};

use listings::in_depth::booking::{Ledger, book_seat};
use listings::oneshot;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ledger = Ledger::default();

    // A race: the booking against a 100 ms timer. The payment never comes.
    let (_confirm, payment) = oneshot::channel::<u32>();
    tokio::select! {
        () = book_seat("seat 3A", payment, &ledger) => println!("select: booked"),
        () = tokio::time::sleep(Duration::from_millis(100)) => {
            println!("select: the timer won, the booking is dropped");
        }
    }

    // The same race, packaged: give up on the booking after 100 ms.
    let (_confirm, payment) = oneshot::channel::<u32>();
    let start = Instant::now();
    let limited = tokio::time::timeout(
        Duration::from_millis(100),
        book_seat("seat 3B", payment, &ledger),
    );
    match limited.await {
        Ok(()) => println!("timeout: booked in time"),
        Err(elapsed) => println!("timeout: {elapsed}"),
    }
    let waited = start.elapsed() >= Duration::from_millis(100);
    println!("gave up after at least 100 ms: {waited}");
    println!(
        "charged: {}, holds released: {}",
        ledger.charged.get(),
        ledger.holds_released.get()
    );
}
// ANCHOR_END: main
