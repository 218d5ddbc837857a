//! The exercise of chapter 8 (Listing 8-6): `and_then`. These tests pass on
//! the book's solution, `listings/src/reinventing/and_then.rs`; on the
//! starter, `listings/exercises/reinventing/and_then.rs`, run with
//! `cargo test -p listings --features starter --test exercise_and_then`,
//! they fail until you have written it.

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::task::Poll;

use common::logged::logged;
use listings::reinventing::and_then::and_then;
use listings::reinventing::combinators::Steps;
use listings::reinventing::wakeful::{Wakeful, run_woken};

#[test]
fn and_then_builds_the_second_future_from_the_first_output() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let second_log = Rc::clone(&log);
    let chained = and_then(logged("id", 1, &log), move |id| {
        second_log.borrow_mut().push(format!("built from {id}"));
        Steps::new("reading", 2, id.len() * 10)
    });
    let (reading, polls) = run_woken(chained);
    assert_eq!(reading, 20);
    assert_eq!(polls, 4);
    // The closure ran once, right after the first future was ready.
    assert_eq!(log.borrow().join(" "), "id id built from id");
}

#[test]
#[should_panic(expected = "polled after it returned Ready")]
fn and_then_panics_when_polled_after_ready() {
    fn no_wake() {}
    let mut chained =
        and_then(Steps::new("id", 0, 1), |n| Steps::new("reading", 0, n + 1));
    assert_eq!(chained.poll(no_wake), Poll::Ready(2));
    let _ = chained.poll(no_wake);
}
