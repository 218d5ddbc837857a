//! Chapter 8: join and sequence, and `futures`' `then` beside the
//! `and_then` exercise (whose own tests are `exercise_and_then.rs`).

mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Mutex;
use std::task::Poll;

use common::logged::logged;
use listings::reinventing::combinators::{Steps, join, sequence};
use listings::reinventing::wakeful::{Wakeful, run_woken};

/// `run_woken` rings one static bell: tests that use it take turns.
static BELL_USERS: Mutex<()> = Mutex::new(());

#[test]
fn join_never_polls_a_finished_future_again() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    let (outputs, polls) = run_woken(join(logged("a", 0, &log), logged("b", 3, &log)));
    assert_eq!(outputs, ("a", "b"));
    assert_eq!(polls, 4);
    // `a` was ready at once and polled once; `b` was polled on every round.
    assert_eq!(log.borrow().join(" "), "a b b b b");
}

#[test]
fn join_polls_both_on_each_round_until_each_is_done() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    run_woken(join(logged("a", 2, &log), logged("b", 1, &log)));
    assert_eq!(log.borrow().join(" "), "a b a b a");
}

#[test]
fn sequence_starts_the_second_only_after_the_first_is_done() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log = Rc::new(RefCell::new(Vec::new()));
    let (outputs, _) = run_woken(sequence(logged("a", 2, &log), logged("b", 1, &log)));
    assert_eq!(outputs, ("a", "b"));
    assert_eq!(log.borrow().join(" "), "a a a b b");
}

#[test]
fn steps_panics_when_polled_after_ready() {
    let mut steps = Steps::new("probe", 0, 1);
    fn no_wake() {}
    assert_eq!(steps.poll(no_wake), Poll::Ready(1));
    let again = std::panic::catch_unwind(move || steps.poll(no_wake));
    assert!(again.is_err());
}

#[test]
fn futures_then_is_our_and_then_and_its_own_and_then_passes_an_err_through() {
    use futures::executor::block_on;
    use futures::{FutureExt, TryFutureExt, future};
    // `then` builds the second future from whatever the first gives.
    let then = future::ready("thermometer").then(|probe| future::ready(probe.len()));
    assert_eq!(block_on(then), 11);
    // `TryFutureExt::and_then` builds it only from an `Ok`...
    let ok = future::ready(Ok::<_, &str>("thermometer"))
        .and_then(|probe| future::ready(Ok(probe.len())));
    assert_eq!(block_on(ok), Ok(11));
    // ...and passes an `Err` through without calling the function.
    let called = std::cell::Cell::new(false);
    let err = future::ready(Err::<&str, _>("bus down")).and_then(|probe| {
        called.set(true);
        future::ready(Ok(probe.len()))
    });
    assert_eq!(block_on(err), Err("bus down"));
    assert!(!called.get());
}
