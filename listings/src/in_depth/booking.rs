//! Booking a seat: an async fn with side effects after its await point.

use std::cell::Cell;

use listings::oneshot;

/// What the booking did, counted.
#[derive(Default)]
pub struct Ledger {
    pub charged: Cell<u32>,
    pub holds_released: Cell<u32>,
}

// ANCHOR: booking
/// Holds a seat while it waits for the payment; released when dropped.
struct SeatHold<'a> {
    seat: &'static str,
    ledger: &'a Ledger,
}

impl Drop for SeatHold<'_> {
    fn drop(&mut self) {
        self.ledger.holds_released.set(self.ledger.holds_released.get() + 1);
        println!("drop: hold on {} released", self.seat);
    }
}

/// Holds `seat`, waits for the payment to be confirmed, charges it.
pub async fn book_seat(
    seat: &'static str,
    payment: oneshot::Receiver<u32>,
    ledger: &Ledger,
) {
    let _hold = SeatHold { seat, ledger };
    println!("booking: {seat} held, waiting for the payment");
    let amount = payment.await.unwrap_or(0); // the await point
    ledger.charged.set(ledger.charged.get() + amount);
    println!("booking: charged {amount} for {seat}, ticket issued");
}
// ANCHOR_END: booking
