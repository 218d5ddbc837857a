//! Chapter 20: the inline client allocates nothing of its own per request;
//! the boxed client of chapter 19 allocates for its sub-futures and buffer.
//! Counts the allocations of this thread only: the server runs on others.

use listings::state_machines::counting_alloc::{CountingAllocator, allocations_during};
use listings::state_machines::fetch::fetch;
use listings::state_machines::fetch_inline::fetch_inline;
use listings::state_machines::server::{serve, shout};
use tokio::net::TcpStream;
use tokio::runtime::Runtime;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

mod common;
use common::within_limit;

const ROUNDS: usize = 20;

/// Allocations per request, averaged over ROUNDS requests after a warm-up,
/// on one current-thread runtime (so its own set-up is not counted).
fn per_request(mut request: impl FnMut(&Runtime)) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    for _ in 0..ROUNDS {
        request(&runtime);
    }
    let ((), total) = allocations_during(|| {
        for _ in 0..ROUNDS {
            request(&runtime);
        }
    });
    total / ROUNDS
}

// ANCHOR: allocations
#[test]
fn the_inline_client_allocates_only_what_tokio_allocates_for_a_socket() {
    let address = serve(shout).to_string();
    let counts = within_limit("the allocation counts", move || {
        // What Tokio itself allocates to open (and close) one connection.
        let socket_only = per_request(|runtime| {
            runtime.block_on(async {
                let stream = TcpStream::connect(address.as_str()).await.unwrap();
                drop(stream);
            })
        });
        let mut response = Vec::with_capacity(64);
        let inline = per_request(|runtime| {
            response.clear();
            let fetch = fetch_inline(&address, b"inline\n", &mut response);
            runtime.block_on(fetch).unwrap();
        });
        let boxed = per_request(|runtime| {
            runtime.block_on(fetch(&address, b"boxed\n")).unwrap();
        });
        (socket_only, inline, boxed)
    });
    println!("allocations per request: socket only {}, inline {}, boxed {}", counts.0, counts.1, counts.2);
    let (socket_only, inline, boxed) = counts;
    assert_eq!(inline, socket_only, "the inline client allocated on its own");
    assert!(boxed > inline, "the boxed client should allocate more");
}
// ANCHOR_END: allocations
