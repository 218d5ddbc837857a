//! Chapter 20: the inline client allocates nothing of its own per request;
//! the boxed client of chapter 19 allocates five things per request, three
//! of them before its first poll. Counts this thread's allocations only: the
//! server runs on threads of its own. The totals are compared, never a
//! per-request figure rounded down.

use listings::state_machines::counting_alloc::CountingAllocator;
use listings::state_machines::production::{ROUNDS, allocations_of_requests};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

mod common;
use common::within_limit;

#[test]
fn the_inline_client_allocates_only_what_tokio_allocates_for_its_socket() {
    let counts = within_limit("the allocation counts", allocations_of_requests);
    assert!(counts.socket_only > 0, "the counting allocator is not counting");
    assert_eq!(
        counts.socket_only % ROUNDS,
        0,
        "Tokio allocated a different number for some connection: {}",
        counts.socket_only
    );
    assert_eq!(
        counts.inline, counts.socket_only,
        "the inline client allocated on its own"
    );
    // Building a Fetch: the copy of the address, the boxed lookup, the copy
    // of the request. Polling it: the boxed connect and the response buffer
    // (one allocation: the 6-byte answer never makes it grow).
    assert_eq!(counts.boxed_before_polling, 3 * ROUNDS);
    assert_eq!(counts.boxed, counts.socket_only + 5 * ROUNDS);
}
