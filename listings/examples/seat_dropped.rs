use std::future::Future;
use std::task::{Context, Waker};

use listings::in_depth::booking::{Ledger, book_seat};
use listings::oneshot;

// ANCHOR: main
fn main() {
    let ledger = Ledger::default();
    let (confirm, payment) = oneshot::channel();
    let mut booking = Box::pin(book_seat("seat 14C", payment, &ledger));

    let first = booking.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    println!("first poll: {first:?}");
    println!("dropping the booking future");
    drop(booking);

    confirm.send(120); // the payment arrives, but nobody is waiting any more
    println!("charged: {}", ledger.charged.get());
    println!("holds released: {}", ledger.holds_released.get());
}
// ANCHOR_END: main
