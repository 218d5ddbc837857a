//! A checkout in three stages, each a round trip to a pretend service.

use listings::round_trip::round_trip;

// ANCHOR: checkout
#[derive(Debug)]
pub struct OrderId(pub u32);

pub async fn checkout(customer: &str) -> OrderId {
    println!("    cart service: load {customer}'s cart");
    let items = round_trip(vec!["kettle", "teapot"]).await;
    println!("    cart service: {} items", items.len());

    let cents = 1999 * items.len() as u32;
    println!("    payment service: charge {cents} cents");
    let receipt = round_trip(7001).await;
    println!("    payment service: receipt {receipt}");

    println!("    order service: confirm receipt {receipt}");
    let order = round_trip(OrderId(42)).await;
    println!("    order service: confirmed {order:?}");
    order
}
// ANCHOR_END: checkout
