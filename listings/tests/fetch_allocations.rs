//! Chapter 20: the inline client allocates nothing of its own per request;
//! the boxed client of chapter 19 does. Counts this thread's allocations
//! only: the server runs on threads of its own.

use listings::state_machines::counting_alloc::CountingAllocator;
use listings::state_machines::production::allocations_per_request;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

mod common;
use common::within_limit;

#[test]
fn the_inline_client_allocates_only_what_tokio_allocates_for_its_socket() {
    let counts = within_limit("the allocation counts", allocations_per_request);
    assert!(counts.socket_only > 0, "the counting allocator is not counting");
    assert_eq!(
        counts.inline, counts.socket_only,
        "the inline client allocated on its own"
    );
    assert!(counts.boxed > counts.inline, "the boxed client should allocate more");
}
