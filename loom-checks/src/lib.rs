//! Chapter 30: the task's state word under loom. Each model runs a few
//! threads on one `State`, and loom runs them in every order that can make
//! a difference, panicking if any order breaks an assertion. The state word
//! is the listings' own file, compiled here against loom's atomics. The
//! tests that run these models are in `tests/state.rs` (`bash ci/loom.sh`).

use loom::sync::Arc;
use loom::sync::atomic::AtomicUsize;
use loom::sync::atomic::Ordering::SeqCst;
use loom::thread;

/// Stands in for the `listings` crate: `state.rs` imports its atomics as
/// `listings::engine::task::sync`, and here that path leads to loom's.
mod listings {
    pub mod engine {
        pub mod task {
            pub mod sync {
                pub use loom::sync::atomic::{AtomicUsize, Ordering};
            }
        }
    }
}

/// The listings' state word, compiled here against loom's atomics.
#[allow(dead_code)]
pub mod state {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/engine/task/state.rs"
    ));
}

use state::{
    AfterPending, COMPLETE, JOIN_WAKER, NOTIFIED, RUNNING, StartPoll, State, WakeByVal,
};

// ANCHOR: two_wakers
/// Two wakers race the end of a poll. In every order, the task ends up
/// queued exactly once: by a waker if it was idle, or by the runner if the
/// wake came while it ran. No wake is lost and none queues it twice.
pub fn two_wakers_racing_a_poll_queue_the_task_exactly_once() {
    loom::model(|| {
        let state = Arc::new(State::new()); // the queued task and the handle
        assert_eq!(state.start_poll(), StartPoll::Poll);
        state.ref_inc(); // two wakers, cloned during the poll
        state.ref_inc();
        let queued = Arc::new(AtomicUsize::new(0));

        let wakers: Vec<_> = (0..2)
            .map(|_| {
                let (state, queued) = (Arc::clone(&state), Arc::clone(&queued));
                thread::spawn(move || {
                    if state.wake_by_val() == WakeByVal::Schedule {
                        queued.fetch_add(1, SeqCst);
                    }
                })
            })
            .collect();
        if state.finish_pending() == AfterPending::Reschedule {
            queued.fetch_add(1, SeqCst);
        }
        for waker in wakers {
            waker.join().unwrap();
        }

        assert_eq!(queued.load(SeqCst), 1, "queued once");
        let end = state.load();
        assert!(end.has(NOTIFIED) && !end.has(RUNNING));
        assert_eq!(end.ref_count(), 2, "the handle and the queued task");
    });
}
// ANCHOR_END: two_wakers

/// Three references dropped on three threads: exactly one drop is told it
/// was the last, so the task is freed once.
pub fn the_reference_count_reaches_zero_exactly_once() {
    loom::model(|| {
        let state = Arc::new(State::new());
        state.ref_inc(); // three references now
        let last = Arc::new(AtomicUsize::new(0));
        let droppers: Vec<_> = (0..2)
            .map(|_| {
                let (state, last) = (Arc::clone(&state), Arc::clone(&last));
                thread::spawn(move || {
                    if state.ref_dec() {
                        last.fetch_add(1, SeqCst);
                    }
                })
            })
            .collect();
        if state.ref_dec() {
            last.fetch_add(1, SeqCst);
        }
        for dropper in droppers {
            dropper.join().unwrap();
        }
        assert_eq!(last.load(SeqCst), 1, "freed exactly once");
    });
}

/// A wake races the task's completion (its handle is gone): nothing is
/// queued, and whichever lets go last frees the task, once.
pub fn a_wake_racing_completion_queues_nothing_and_frees_once() {
    loom::model(|| {
        let state = Arc::new(State::new());
        state.drop_join_handle(); // detached
        assert!(!state.ref_dec());
        assert_eq!(state.start_poll(), StartPoll::Poll);
        state.ref_inc(); // a waker, on its way to another thread
        let frees = Arc::new(AtomicUsize::new(0));

        let waker = {
            let (state, frees) = (Arc::clone(&state), Arc::clone(&frees));
            thread::spawn(move || match state.wake_by_val() {
                WakeByVal::Schedule => panic!("a complete task was queued"),
                WakeByVal::Dealloc => {
                    frees.fetch_add(1, SeqCst);
                }
                WakeByVal::Nothing => {}
            })
        };
        state.complete();
        if state.ref_dec() {
            frees.fetch_add(1, SeqCst);
        }
        waker.join().unwrap();
        assert_eq!(frees.load(SeqCst), 1);
    });
}

/// The handle stores its waker while the task completes: either the
/// runner sees JOIN_WAKER and wakes it, or the handle sees COMPLETE and
/// reads the output at once. Never neither (a handle that waits forever).
pub fn a_join_waker_racing_completion_is_woken_or_sees_the_output() {
    loom::model(|| {
        let state = Arc::new(State::new());
        assert_eq!(state.start_poll(), StartPoll::Poll);
        let handle = {
            let state = Arc::clone(&state);
            thread::spawn(move || state.set_join_waker().is_ok())
        };
        let after = state.complete();
        let runner_wakes = after.has(JOIN_WAKER);
        if runner_wakes {
            state.unset_join_waker_after_complete();
        }
        let stored = handle.join().unwrap();
        assert_eq!(
            stored, runner_wakes,
            "stored means woken; not stored means complete"
        );
        assert!(state.load().has(COMPLETE) && !state.load().has(JOIN_WAKER));
    });
}

/// `abort` races the end of a poll that returns `Pending`: the future is
/// dropped exactly once, either by the runner right after the poll, or at
/// the start of the poll that `abort` queued.
pub fn abort_racing_a_poll_cancels_exactly_once() {
    loom::model(|| {
        let state = Arc::new(State::new());
        assert_eq!(state.start_poll(), StartPoll::Poll);
        let aborter = {
            let state = Arc::clone(&state);
            thread::spawn(move || state.abort())
        };
        let mut cancels = 0;
        if state.finish_pending() == AfterPending::Cancel {
            cancels += 1;
        }
        if aborter.join().unwrap() {
            // abort queued the task: its next run cancels it
            assert_eq!(state.start_poll(), StartPoll::Cancel);
            cancels += 1;
        }
        assert_eq!(cancels, 1);
    });
}

/// `abort` races completion: the output stands and nothing is queued.
pub fn abort_racing_completion_queues_nothing() {
    loom::model(|| {
        let state = Arc::new(State::new());
        assert_eq!(state.start_poll(), StartPoll::Poll);
        let aborter = {
            let state = Arc::clone(&state);
            thread::spawn(move || state.abort())
        };
        state.complete();
        assert!(!aborter.join().unwrap(), "a running or complete task is never queued");
        assert!(state.load().has(COMPLETE));
    });
}

// ANCHOR: naive
/// The same two steps written the naive way, a load and then a store,
/// with no compare-and-exchange in between.
mod naive {
    use super::state::{NOTIFIED, RUNNING};
    use loom::sync::atomic::AtomicUsize;
    use loom::sync::atomic::Ordering::{Acquire, Release};

    /// The end of a poll: clear RUNNING; queue again if NOTIFIED.
    pub fn finish_pending(word: &AtomicUsize) -> bool {
        let now = word.load(Acquire);
        word.store(now & !RUNNING, Release);
        now & NOTIFIED != 0
    }

    /// A wake: set NOTIFIED; queue the task only if it is idle.
    pub fn wake(word: &AtomicUsize) -> bool {
        let now = word.load(Acquire);
        word.store(now | NOTIFIED, Release);
        now & (RUNNING | NOTIFIED) == 0
    }
}

/// loom finds the order that loses the wake: the waker reads RUNNING, the
/// runner clears RUNNING (seeing no NOTIFIED), then the waker's store puts
/// RUNNING back with NOTIFIED. Nobody queues the task, ever again.
pub fn a_load_then_store_state_word_loses_a_wake() {
    loom::model(|| {
        let word = Arc::new(AtomicUsize::new(RUNNING));
        let waker = {
            let word = Arc::clone(&word);
            thread::spawn(move || naive::wake(&word))
        };
        let runner_queues = naive::finish_pending(&word);
        let waker_queues = waker.join().unwrap();
        assert!(runner_queues || waker_queues, "a wake was lost");
    });
}
// ANCHOR_END: naive
