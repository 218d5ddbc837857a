//! The exercise of chapter 1 (Listing 1-3): `run_last_first`. These tests
//! pass on the book's solution, `listings/src/last_first.rs`; on the starter,
//! `listings/exercises/last_first.rs`, run with
//! `cargo test -p listings --features starter --test exercise_last_first`,
//! they fail until you have written it.

use std::cell::RefCell;

use futures::executor::block_on;
use listings::last_first::run_last_first;
use listings::round_trip::round_trip;

/// Chapter 1's welcome, written to an outbox instead of printed, and waiting
/// on a round trip in the middle, so that it takes more than one poll.
async fn send_welcome<'a>(name: &'a str, outbox: &RefCell<Vec<String>>) -> &'a str {
    outbox.borrow_mut().push(format!("start {name}"));
    round_trip(()).await;
    outbox.borrow_mut().push(format!("sent {name}"));
    name
}

#[test]
fn nothing_is_sent_before_the_runner_runs_it_and_then_the_last_goes_first() {
    let outbox = RefCell::new(Vec::new());
    let welcomes: Vec<_> =
        ["ada", "grace", "linus"].map(|name| send_welcome(name, &outbox)).into();
    let all = run_last_first(welcomes);
    assert!(outbox.borrow().is_empty(), "calling sent something: {outbox:?}");
    assert_eq!(block_on(all), ["linus", "grace", "ada"]);
}

#[test]
fn each_future_runs_to_its_end_before_the_next_starts() {
    let outbox = RefCell::new(Vec::new());
    let welcomes = vec![send_welcome("ada", &outbox), send_welcome("grace", &outbox)];
    block_on(run_last_first(welcomes));
    assert_eq!(
        outbox.into_inner(),
        ["start grace", "sent grace", "start ada", "sent ada"]
    );
}

#[test]
fn no_futures_give_no_outputs() {
    let none: Vec<std::future::Ready<u32>> = Vec::new();
    assert_eq!(block_on(run_last_first(none)), Vec::<u32>::new());
}
