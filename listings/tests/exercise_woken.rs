//! The exercise of chapter 7 (Listing 7-10): `woken`. These tests pass on
//! the book's solution, `listings/src/reinventing/woken.rs`; on the starter,
//! `listings/exercises/reinventing/woken.rs`, run with
//! `cargo test -p listings --features starter --test exercise_woken`,
//! they fail until you have written it.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;

use common::within_limit;
use listings::reinventing::eventually::Probe;
use listings::reinventing::wakeful::{Wakeful, ring_pending, run_woken};
use listings::reinventing::woken::woken;

/// `run_woken` rings one static bell, so the tests that use it take turns.
static BELL_USERS: Mutex<()> = Mutex::new(());

#[test]
fn a_probe_runs_under_the_sleeping_runner_in_as_many_polls_as_it_asks() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|e| e.into_inner());
    let answer = within_limit("run_woken", || {
        run_woken(woken(Probe::new("thermometer", 3, 21.5)))
    });
    assert_eq!(answer, (("thermometer", 21.5), 3));
}

#[test]
fn a_ready_answer_leaves_no_ring_behind() {
    let _turn = BELL_USERS.lock().unwrap_or_else(|e| e.into_inner());
    let answer =
        within_limit("run_woken", || run_woken(woken(Probe::new("soil", 1, 0.3))));
    assert_eq!(answer, (("soil", 0.3), 1));
    assert!(!ring_pending(), "a ring was left for the next runner");
}

static RINGS: AtomicUsize = AtomicUsize::new(0);

fn count_ring() {
    RINGS.fetch_add(1, Ordering::SeqCst);
}

#[test]
fn every_pending_rings_once_during_its_poll() {
    let mut probe = woken(Probe::new("hygrometer", 3, 64.0));
    assert_eq!(probe.poll(count_ring), Poll::Pending);
    assert_eq!(RINGS.load(Ordering::SeqCst), 1);
    assert_eq!(probe.poll(count_ring), Poll::Pending);
    assert_eq!(RINGS.load(Ordering::SeqCst), 2);
    assert_eq!(probe.poll(count_ring), Poll::Ready(("hygrometer", 64.0)));
    assert_eq!(RINGS.load(Ordering::SeqCst), 2, "rang with a Ready answer");
}
