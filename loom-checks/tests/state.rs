//! Runs chapter 30's loom models of the task's state word
//! (`loom-checks/src/lib.rs`). `bash ci/loom.sh` runs them.

#[test]
fn two_wakers_racing_a_poll_queue_the_task_exactly_once() {
    loom_checks::two_wakers_racing_a_poll_queue_the_task_exactly_once();
}

#[test]
fn the_reference_count_reaches_zero_exactly_once() {
    loom_checks::the_reference_count_reaches_zero_exactly_once();
}

#[test]
fn a_wake_racing_completion_queues_nothing_and_frees_once() {
    loom_checks::a_wake_racing_completion_queues_nothing_and_frees_once();
}

#[test]
fn a_join_waker_racing_completion_is_woken_or_sees_the_output() {
    loom_checks::a_join_waker_racing_completion_is_woken_or_sees_the_output();
}

#[test]
fn a_handle_dropped_during_completion_leaves_each_drop_to_one_side() {
    loom_checks::a_handle_dropped_during_completion_leaves_each_drop_to_one_side();
}

#[test]
fn abort_racing_a_poll_cancels_exactly_once() {
    loom_checks::abort_racing_a_poll_cancels_exactly_once();
}

#[test]
fn abort_racing_completion_queues_nothing() {
    loom_checks::abort_racing_completion_queues_nothing();
}

#[test]
#[should_panic(expected = "a wake was lost")]
fn a_load_then_store_state_word_loses_a_wake() {
    loom_checks::a_load_then_store_state_word_loses_a_wake();
}
