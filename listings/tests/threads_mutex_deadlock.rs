//! Chapter 36's first claim: a std `Mutex` guard held across an `.await`
//! on a current-thread runtime deadlocks, and the same two tasks with our
//! async mutex finish.
//!
//! The verdict is causal, not a timing guess: task b reports, from the
//! runtime's only thread, that `try_lock` found the lock taken by task a,
//! which is suspended at its `.await` on that same thread, and then calls
//! `lock()`. From that moment only this thread could poll task a, and it is
//! blocked in `lock()`: nothing in the program (no timer, no other thread,
//! no other task) can end the wait. The test then confirms it for 2 s: a
//! program that cannot finish does not finish, however loaded the machine.
//! The blocked thread is left behind and ends with the test process.

use std::rc::Rc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

mod common;

use common::{LIMIT, within_limit};
use listings::engine::task::demo::yield_now;
use listings::many_threads::mutex::Mutex;
use listings::many_threads::mutex::deadlock::{Step, std_guard_across_await};

#[test]
fn a_std_guard_held_across_an_await_blocks_the_only_thread_for_good() {
    let (steps, heard) = mpsc::channel();
    let runtime = thread::spawn(move || {
        std_guard_across_await(move |step| steps.send(step).unwrap());
    });
    let next = || heard.recv_timeout(LIMIT).expect("the two tasks report within LIMIT");

    let Step::AHolds(holder) = next() else { panic!("task a runs first") };
    let Step::BWouldBlock(blocker) = next() else {
        panic!("task b's try_lock should find the lock taken")
    };
    assert_eq!(holder, blocker, "both tasks run on the runtime's one thread");
    assert_eq!(holder, runtime.thread().id(), "which is the thread the test started");
    assert_eq!(next(), Step::BBlocks);

    // Task a can only be polled by the thread that is now inside lock().
    match heard.recv_timeout(Duration::from_secs(2)) {
        Err(mpsc::RecvTimeoutError::Timeout) => {}
        Ok(step) => panic!("the program moved on ({step:?}), but it cannot"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the runtime thread ended"),
    }
    assert!(!runtime.is_finished(), "the runtime thread is still blocked in lock()");
}

#[test]
fn the_same_two_tasks_with_our_async_mutex_finish_in_order() {
    let steps = within_limit("the two tasks with our mutex", || {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let tasks = tokio::task::LocalSet::new();
        let (shared, log) =
            (Rc::new(Mutex::new(0)), Rc::new(std::cell::RefCell::new(vec![])));

        let (mutex, steps) = (Rc::clone(&shared), Rc::clone(&log));
        tasks.spawn_local(async move {
            let mut count = mutex.lock().await;
            steps.borrow_mut().push("a holds the guard, awaits");
            yield_now().await;
            steps.borrow_mut().push("a polled again");
            *count += 1;
        });
        let (mutex, steps) = (shared, Rc::clone(&log));
        tasks.spawn_local(async move {
            assert!(mutex.try_lock().is_none(), "task a holds the lock");
            steps.borrow_mut().push("b waits");
            let mut count = mutex.lock().await; // returns Pending: the thread is free
            steps.borrow_mut().push("b got the guard");
            *count += 1;
        });
        runtime.block_on(tasks);
        log.take()
    });
    assert_eq!(
        steps,
        ["a holds the guard, awaits", "b waits", "a polled again", "b got the guard"]
    );
}
