//! Chapter 17: pinning a future on the heap with `Box::pin`, or in place
//! with `std::pin::pin!`.

use std::future::Future;
use std::pin::{Pin, pin};

use listings::block_on::block_on;
use listings::round_trip::round_trip;

// ANCHOR: main
/// A future that can leave the function that made it: pinned on the heap.
fn boxed_order(id: u32) -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(async move { round_trip(id).await + 1000 })
}

fn main() {
    // Box::pin: one allocation; the box can move, the future inside cannot.
    let mut orders = vec![boxed_order(1), boxed_order(2)];
    let place = ptr_of(&orders[0]);
    orders.reverse();
    println!(
        "boxed future still at its place after the boxes moved: {}",
        place == ptr_of(&orders[1])
    );
    for order in orders {
        println!("boxed order: {}", block_on(order));
    }

    // pin!: no allocation; the future is pinned where it is, in this frame.
    let local = pin!(async { round_trip(3).await + 1000 });
    println!("pinned in place: {}", block_on(local));
}

/// The address of the future a box holds (compared, never printed).
fn ptr_of(order: &Pin<Box<dyn Future<Output = u32>>>) -> *const () {
    let future: &dyn Future<Output = u32> = &**order;
    (future as *const dyn Future<Output = u32>).cast()
}
// ANCHOR_END: main
