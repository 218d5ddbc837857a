//! Chapter 21: where the bytes of `fetch_async`'s future go: a prefix
//! that every state reserves, and one part per await laid over the others.

use listings::state_machines::layout::measure;
use listings::state_machines::server::{serve, shout};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let address = serve(shout).to_string();
    let l = measure(&address, b"layout\n").await;
    println!("fetch_async's future: {} bytes", l.whole);
    println!("the prefix, reserved in every state: {} bytes", l.prefix());
    println!("  the two arguments, as passed:     {:>3}", l.arguments);
    println!("  request, saved for the write:     {:>3}", l.request);
    println!("  found, dropped only at the end:   {:>3}", l.found);
    println!("  stream, saved for write and read: {:>3}", l.stream);
    println!("laid over each other, one await at a time:");
    println!("  at the lookup:  {:>3} (its future)", l.at_lookup);
    println!("  at the connect: {:>3} (its future)", l.at_connect);
    println!("  at the write:   {:>3} (its future)", l.at_write);
    println!("  at the read:    {:>3} (its future and the response)", l.at_read);
    let parts = l.prefix() + l.largest_await();
    println!("prefix + largest await: {parts} bytes");
    // What the compiler adds: which await the future is at, and padding.
    println!("the rest: {} bytes", l.whole.saturating_sub(parts));
}
// ANCHOR_END: main
