//! The exercise of chapter 23 (Listing 23-9): `spawn_with_handle`. These
//! tests pass on the book's solution, `listings/src/in_depth/output_slot.rs`;
//! on the starter, `listings/exercises/in_depth/output_slot.rs`, run with
//! `cargo test -p listings --features starter --test exercise_output_slot`,
//! they fail until you have written it.

mod common;

use std::sync::{Arc, Mutex};

use common::within_limit;
use listings::in_depth::output_slot::spawn_with_handle;
use listings::in_depth::runtime::Runtime;
use listings::oneshot;

#[test]
fn a_task_awaits_the_output_of_a_task_that_waits() {
    let (got, polls) = within_limit("three tasks", || {
        let mut runtime = Runtime::new();
        let (sender, reading) = oneshot::channel::<u32>();
        // Polled first: waits for the reading, then doubles it.
        let doubled =
            spawn_with_handle(&mut runtime, async move { reading.await.unwrap() * 2 });
        // Polled second: waits for the first task's output.
        let got = Arc::new(Mutex::new(None));
        let report = Arc::clone(&got);
        runtime.spawn(async move {
            *report.lock().unwrap() = Some(doubled.await);
        });
        // Polled third: sends the reading.
        runtime.spawn(async move { sender.send(21) });
        let polls = runtime.run();
        let got = *got.lock().unwrap();
        (got, polls)
    });
    assert_eq!(got, Some(42));
    // 1st task: start, wake by the send. 2nd: start, wake by the 1st's end.
    // 3rd: one poll. A handle that woke itself on every poll makes more.
    assert_eq!(polls, 5, "each task should be polled once to start and once per wake");
}

#[test]
fn an_output_ready_before_the_handle_is_polled_is_not_lost() {
    let (got, polls) = within_limit("two tasks", || {
        let mut runtime = Runtime::new();
        let answer = spawn_with_handle(&mut runtime, async { "done" });
        let got = Arc::new(Mutex::new(None));
        let report = Arc::clone(&got);
        runtime.spawn(async move {
            *report.lock().unwrap() = Some(answer.await);
        });
        let polls = runtime.run();
        let got = *got.lock().unwrap();
        (got, polls)
    });
    assert_eq!(got, Some("done"));
    assert_eq!(polls, 2, "the awaiting task should be ready on its first poll");
}

#[test]
fn a_dropped_handle_leaves_the_task_running() {
    let ran = within_limit("a task without its handle", || {
        let mut runtime = Runtime::new();
        let ran = Arc::new(Mutex::new(false));
        let flag = Arc::clone(&ran);
        drop(spawn_with_handle(&mut runtime, async move {
            *flag.lock().unwrap() = true;
        }));
        runtime.run();
        *ran.lock().unwrap()
    });
    assert!(ran, "the task should run even with its handle dropped");
}

#[test]
fn is_finished_turns_true_once_the_task_is_done() {
    let (before, after) = within_limit("a task and its handle", || {
        let mut runtime = Runtime::new();
        let handle = spawn_with_handle(&mut runtime, async { 7 });
        let before = handle.is_finished();
        runtime.run();
        (before, handle.is_finished())
    });
    assert_eq!((before, after), (false, true));
}
