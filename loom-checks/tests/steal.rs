//! Runs chapter 34's loom models of the scheduler's parking and of one
//! task on two workers (`loom-checks/src/steal.rs`, compiled here as a
//! module). `bash ci/loom.sh` runs them.

#[path = "../src/steal.rs"]
mod steal;

#[test]
fn a_worker_parking_while_a_task_is_pushed_gets_the_task() {
    steal::a_worker_parking_while_a_task_is_pushed_gets_the_task();
}

#[test]
#[should_panic(expected = "a wake-up was lost")]
fn the_naive_park_loses_the_wake_up() {
    steal::the_naive_park_loses_the_wake_up();
}

#[test]
fn two_workers_and_two_pushes_lose_no_task() {
    steal::two_workers_and_two_pushes_lose_no_task();
}

#[test]
fn two_workers_never_poll_one_task_at_once() {
    steal::two_workers_never_poll_one_task_at_once();
}

#[test]
#[should_panic(expected = "Causality violation")]
fn without_the_state_word_two_workers_poll_at_once() {
    steal::without_the_state_word_two_workers_poll_at_once();
}
