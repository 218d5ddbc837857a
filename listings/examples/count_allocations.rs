//! Chapter 20: allocations per request of the boxed and the inline client,
//! counted by a global allocator of this program's own.

use listings::state_machines::counting_alloc::CountingAllocator;
use listings::state_machines::production::{ROUNDS, allocations_of_requests};

// ANCHOR: main
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn main() {
    let counts = allocations_of_requests();
    println!("allocations in {ROUNDS} requests, on the client's thread:");
    println!("  a bare Tokio connection: {}", counts.socket_only);
    println!("  FetchInline:             {}", counts.inline);
    println!("  Fetch (boxed):           {}", counts.boxed);
    println!("  building a Fetch only:   {}", counts.boxed_before_polling);
    println!(
        "FetchInline adds none of its own: {}",
        counts.inline == counts.socket_only
    );
}
// ANCHOR_END: main
