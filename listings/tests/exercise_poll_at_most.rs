//! The exercise of chapter 2 (Listing 2-4): `poll_at_most`. These tests pass
//! on the book's solution, `listings/src/poll_at_most.rs`; on the starter,
//! `listings/exercises/poll_at_most.rs`, run with
//! `cargo test -p listings --features starter --test exercise_poll_at_most`,
//! they fail until you have written it.

use std::cell::Cell;

use listings::checkout::checkout;
use listings::poll_at_most::poll_at_most;
use listings::poll_count::counting_polls;

/// Sets its flag when it is dropped.
struct DropFlag<'a>(&'a Cell<bool>);

impl Drop for DropFlag<'_> {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[test]
fn the_checkout_is_ready_on_its_fourth_poll() {
    let answer = poll_at_most(checkout("ada"), 10);
    assert_eq!(answer.map(|(order, polls)| (order.0, polls)), Some((42, 4)));
}

#[test]
fn a_future_ready_at_once_takes_one_poll() {
    assert_eq!(poll_at_most(std::future::ready(7), 3), Some((7, 1)));
}

#[test]
fn it_stops_after_the_limit_and_drops_the_unfinished_future() {
    let polls = Cell::new(0);
    let dropped = Cell::new(false);
    let stages = Cell::new(0);
    let checkout = async {
        let _flag = DropFlag(&dropped);
        for _ in 0..3 {
            listings::round_trip::round_trip(()).await;
            stages.set(stages.get() + 1);
        }
    };
    assert!(poll_at_most(counting_polls(checkout, &polls), 3).is_none());
    assert_eq!(polls.get(), 3, "polled more or less than the limit");
    assert_eq!(stages.get(), 2, "three polls finish two stages");
    assert!(dropped.get(), "the unfinished future should be dropped");
}

#[test]
fn a_limit_of_zero_polls_nothing() {
    let polls = Cell::new(0);
    assert!(poll_at_most(counting_polls(std::future::ready(()), &polls), 0).is_none());
    assert_eq!(polls.get(), 0);
}
