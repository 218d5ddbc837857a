//! Chapter 34: the work-stealing scheduler's parking and queues under loom,
//! and the state word keeping a task to one worker at a time. `park.rs`
//! and `queue.rs` are the listings' own files, compiled here against loom's
//! `Mutex` and `Condvar`: a worker that sleeps for good while a task waits
//! (a lost wake-up) leaves every thread blocked, and loom reports the
//! deadlock. The tests are in `tests/steal.rs` (`bash ci/loom.sh`), which
//! compiles this file as a module of its own.

use loom::cell::UnsafeCell;
use loom::model::Builder;
use loom::sync::Arc;
use loom::thread;

/// Stands in for the `listings` crate: `park.rs` and `queue.rs` import
/// their locks as `listings::many_threads::steal::sync`, and `state.rs` its
/// atomics as `listings::engine::task::sync`; here both paths lead to loom's.
mod listings {
    pub mod engine {
        pub mod task {
            pub mod sync {
                pub use loom::sync::atomic::{AtomicUsize, Ordering};
            }
        }
    }
    pub mod many_threads {
        pub mod steal {
            pub mod sync {
                pub use loom::sync::{Condvar, Mutex};
            }
        }
    }
}

/// The listings' parking, compiled here against loom's types.
#[allow(dead_code)]
pub mod park {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/many_threads/steal/park.rs"
    ));
}

/// The listings' queues, compiled here against loom's types.
#[allow(dead_code)]
pub mod queue {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/many_threads/steal/queue.rs"
    ));
}

/// The task's state word of chapter 30, compiled here against loom's atomics.
#[allow(dead_code)]
pub mod state {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/engine/task/state.rs"
    ));
}

use park::Idle;
use queue::Inject;
use state::{AfterPending, StartPoll, State, WakeByVal};

/// Explores every order with up to `bound` preemptions.
fn model(bound: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut builder = Builder::new();
    builder.preemption_bound = Some(bound);
    builder.check(f);
}

/// An idle worker: takes a task if there is one, parks otherwise, and
/// returns the first task it gets.
fn worker(inject: &Inject<u32>, idle: &Idle) -> u32 {
    loop {
        if let Some(task) = inject.pop() {
            return task;
        }
        idle.park(|| !inject.is_empty());
    }
}

// ANCHOR: parking
/// A worker looks for work and parks while the main thread pushes a task
/// and notifies. In every order, the worker ends up with the task: if its
/// look missed the push, the push's `notify` found it counted as a sleeper.
/// A worker left asleep would leave the main thread blocked in `join`, and
/// loom would report the deadlock.
pub fn a_worker_parking_while_a_task_is_pushed_gets_the_task() {
    model(3, || {
        let (inject, idle) = (Arc::new(Inject::new()), Arc::new(Idle::new()));
        let sleeper = {
            let (inject, idle) = (Arc::clone(&inject), Arc::clone(&idle));
            thread::spawn(move || worker(&inject, &idle))
        };
        inject.push(7);
        idle.notify();
        assert_eq!(sleeper.join().unwrap(), 7);
    });
}

/// The same with the naive park. So that the lost order ends (loom cannot
/// unwind out of a deadlock), the main thread shuts the sleepers down after
/// its push; a worker that only `shutdown` woke, with the task queued, slept
/// through the push. loom finds that order.
pub fn the_naive_park_loses_the_wake_up() {
    model(3, || {
        let (inject, idle) = (Arc::new(Inject::new()), Arc::new(Idle::new()));
        let sleeper = {
            let (inject, idle) = (Arc::clone(&inject), Arc::clone(&idle));
            thread::spawn(move || {
                loop {
                    if inject.pop().is_some() {
                        return true;
                    }
                    if !idle.park_naive() {
                        return false; // only the shutdown woke it
                    }
                }
            })
        };
        inject.push(7);
        idle.notify();
        idle.shutdown();
        assert!(sleeper.join().unwrap(), "a wake-up was lost");
    });
}
// ANCHOR_END: parking

/// Two workers park while two tasks are pushed: both tasks are taken, by
/// whichever worker, and nobody sleeps with a task queued.
pub fn two_workers_and_two_pushes_lose_no_task() {
    model(2, || {
        let (inject, idle) = (Arc::new(Inject::new()), Arc::new(Idle::new()));
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (inject, idle) = (Arc::clone(&inject), Arc::clone(&idle));
                thread::spawn(move || worker(&inject, &idle))
            })
            .collect();
        for task in [1, 2] {
            inject.push(task);
            idle.notify();
        }
        let mut got: Vec<u32> =
            workers.into_iter().map(|w| w.join().unwrap()).collect();
        got.sort();
        assert_eq!(got, vec![1, 2]);
    });
}

/// A task as the workers see it: the listings' state word, and its future,
/// here a count of polls in loom's `UnsafeCell`, which fails the model if
/// two threads touch it without the state word ordering them.
struct Task {
    state: State,
    future: UnsafeCell<u32>,
}

/// A worker runs a queued task: `start_poll`, the poll, `finish_pending`,
/// and the task back in the queue if it was woken while it ran.
fn run(task: &Task, inject: &Inject<()>) {
    assert_eq!(task.state.start_poll(), StartPoll::Poll);
    poll_and_finish(task, inject);
}

/// The poll and what follows it, for a worker that has started the poll.
fn poll_and_finish(task: &Task, inject: &Inject<()>) {
    // SAFETY (for loom): RUNNING makes the future ours, which loom checks.
    task.future.with_mut(|polls| unsafe { *polls += 1 });
    match task.state.finish_pending() {
        AfterPending::Reschedule => inject.push(()),
        AfterPending::Idle => {}
        other => panic!("unexpected {other:?}"),
    }
}

// ANCHOR: one_worker
/// Worker A polls the task while a waker wakes it from another thread and
/// worker B takes whatever is queued. In every order the task is queued
/// once more and polled twice in all, and the two polls never overlap: a
/// wake during A's poll only sets NOTIFIED, so B cannot get the task until
/// A's `finish_pending` queues it.
pub fn two_workers_never_poll_one_task_at_once() {
    model(3, || {
        let task = Arc::new(Task { state: State::new(), future: UnsafeCell::new(0) });
        let inject = Arc::new(Inject::new());
        // Worker A took the task off the queue and starts polling it; the
        // poll clones a waker, which goes to another thread.
        assert_eq!(task.state.start_poll(), StartPoll::Poll);
        task.state.ref_inc();
        let waker = {
            let (task, inject) = (Arc::clone(&task), Arc::clone(&inject));
            thread::spawn(move || {
                if task.state.wake_by_val() == WakeByVal::Schedule {
                    inject.push(());
                }
            })
        };
        let worker_b = {
            let (task, inject) = (Arc::clone(&task), Arc::clone(&inject));
            thread::spawn(move || {
                if inject.pop().is_some() {
                    run(&task, &inject);
                }
            })
        };
        poll_and_finish(&task, &inject); // worker A's poll
        waker.join().unwrap();
        worker_b.join().unwrap();
        while inject.pop().is_some() {
            run(&task, &inject);
        }
        // SAFETY (for loom): every other thread is done.
        assert_eq!(task.future.with(|polls| unsafe { *polls }), 2);
    });
}
// ANCHOR_END: one_worker

/// Without the state word: a wake always queues the task, and whoever
/// pops it polls. loom finds B polling while A still polls.
pub fn without_the_state_word_two_workers_poll_at_once() {
    model(2, || {
        let future = Arc::new(UnsafeCell::new(0u32));
        let inject = Arc::new(Inject::new());
        let waker = {
            let inject = Arc::clone(&inject);
            thread::spawn(move || inject.push(()))
        };
        let worker_b = {
            let (future, inject) = (Arc::clone(&future), Arc::clone(&inject));
            thread::spawn(move || {
                if inject.pop().is_some() {
                    // SAFETY (for loom): nothing makes this ours; loom checks.
                    future.with_mut(|polls| unsafe { *polls += 1 });
                }
            })
        };
        // SAFETY (for loom): as above.
        future.with_mut(|polls| unsafe { *polls += 1 });
        waker.join().unwrap();
        worker_b.join().unwrap();
    });
}
