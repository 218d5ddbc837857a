//! Runs chapter 36's loom models of the async mutex
//! (`loom-checks/src/mutex.rs`, compiled here as a module, so that the
//! library's file, which chapter 30 shows whole, is unchanged).
//! `bash ci/loom.sh` runs them.

#[path = "../src/mutex.rs"]
mod mutex;

#[test]
fn three_lockers_each_increment_once_and_nobody_waits_forever() {
    mutex::three_lockers_each_increment_once_and_nobody_waits_forever();
}

#[test]
fn a_waiter_giving_up_during_an_unlock_passes_its_turn_on() {
    mutex::a_waiter_giving_up_during_an_unlock_passes_its_turn_on();
}

#[test]
fn a_handed_waiter_dropped_while_another_locks_loses_nothing() {
    mutex::a_handed_waiter_dropped_while_another_locks_loses_nothing();
}
