//! Which of Part I's futures may still move after being pinned (`Unpin`), checked
//! by the compiler: this file compiles only if every assertion holds.

use listings::oneshot::Receiver;
use listings::round_trip::RoundTrip;

fn assert_unpin<T: Unpin>() {}

#[test]
fn part_one_futures_that_are_unpin() {
    // Chapter 3: a round trip holds no reference into itself.
    assert_unpin::<RoundTrip<u32>>();
    // Chapter 4: the receiver is an Arc and a flag.
    assert_unpin::<Receiver<String>>();
}
