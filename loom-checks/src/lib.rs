//! Chapter 30: the task's state word under loom. Each model runs a few
//! threads on one `State`, and loom runs them in every order that can make
//! a difference, panicking if any order breaks an assertion. The state word
//! is the listings' own file, compiled here against loom's atomics. The
//! tests that run these models are in `tests/state.rs` (`bash ci/loom.sh`).

use loom::cell::UnsafeCell;
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
    AfterPending, COMPLETE, JOIN_INTEREST, JOIN_WAKER, NOTIFIED, RUNNING, StartPoll,
    State, WakeByVal,
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

/// The two places the handle and the runner share beside the state word:
/// the output (in the stage) and the join waker. loom's `UnsafeCell` fails
/// the model if two threads touch one without the state word ordering them,
/// as the real cells in `raw.rs` would race.
#[derive(Default)]
struct Shared {
    output: UnsafeCell<Option<u32>>,
    join_waker: UnsafeCell<Option<u32>>,
}

impl Shared {
    /// Writes `value` into `cell`.
    fn put(cell: &UnsafeCell<Option<u32>>, value: u32) {
        // SAFETY (for loom): the caller owns the cell, which loom checks.
        cell.with_mut(|slot| unsafe { *slot = Some(value) });
    }

    /// Takes what is in `cell`, as a drop of it would.
    fn take(cell: &UnsafeCell<Option<u32>>) -> Option<u32> {
        // SAFETY (for loom): the caller owns the cell, which loom checks.
        cell.with_mut(|slot| unsafe { (*slot).take() })
    }

    /// Whether `cell` holds a value, as a read (a wake) of it would see.
    fn is_set(cell: &UnsafeCell<Option<u32>>) -> bool {
        // SAFETY (for loom): the caller may read the cell, which loom checks.
        cell.with(|slot| unsafe { (*slot).is_some() })
    }
}

/// The handle stores its waker while the task completes: either the
/// runner sees JOIN_WAKER and reads (wakes) the waker, or the handle sees
/// COMPLETE and takes its waker back. Never neither (a handle that waits
/// forever), and never a read of the waker racing its write.
pub fn a_join_waker_racing_completion_is_woken_or_sees_the_output() {
    loom::model(|| {
        let (state, shared) = (Arc::new(State::new()), Arc::new(Shared::default()));
        assert_eq!(state.start_poll(), StartPoll::Poll);
        let handle = {
            let (state, shared) = (Arc::clone(&state), Arc::clone(&shared));
            thread::spawn(move || {
                // `set_join_waker` in raw.rs: write, then publish.
                Shared::put(&shared.join_waker, 1);
                let stored = state.set_join_waker().is_ok();
                if !stored {
                    assert_eq!(Shared::take(&shared.join_waker), Some(1));
                }
                stored
            })
        };
        let after = state.complete();
        let runner_wakes = after.has(JOIN_WAKER);
        if runner_wakes {
            assert!(Shared::is_set(&shared.join_waker), "the runner reads the waker");
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

/// The handle, which has stored its waker, is dropped while the task
/// completes. The state word gives the output and the waker each to one
/// side: each is dropped exactly once, and neither while the other side
/// still uses it; the task is freed once.
pub fn a_handle_dropped_during_completion_leaves_each_drop_to_one_side() {
    loom::model(|| {
        let (state, shared) = (Arc::new(State::new()), Arc::new(Shared::default()));
        assert_eq!(state.start_poll(), StartPoll::Poll);
        Shared::put(&shared.join_waker, 1);
        assert!(state.set_join_waker().is_ok(), "the handle's first poll stored it");
        let drops = Arc::new(AtomicUsize::new(0));
        let frees = Arc::new(AtomicUsize::new(0));

        let handle = {
            let (state, shared) = (Arc::clone(&state), Arc::clone(&shared));
            let (drops, frees) = (Arc::clone(&drops), Arc::clone(&frees));
            thread::spawn(move || {
                // `drop_join_handle` in raw.rs.
                let dropped = state.drop_join_handle();
                if dropped.drop_output {
                    assert_eq!(Shared::take(&shared.output), Some(7));
                    drops.fetch_add(1, SeqCst);
                }
                if dropped.drop_waker {
                    assert_eq!(Shared::take(&shared.join_waker), Some(1));
                    drops.fetch_add(1, SeqCst);
                }
                if state.ref_dec() {
                    frees.fetch_add(1, SeqCst);
                }
            })
        };
        // `complete` in raw.rs.
        Shared::put(&shared.output, 7);
        let after = state.complete();
        if !after.has(JOIN_INTEREST) {
            assert_eq!(Shared::take(&shared.output), Some(7));
            drops.fetch_add(1, SeqCst);
        } else if after.has(JOIN_WAKER) {
            assert!(Shared::is_set(&shared.join_waker), "the runner wakes it");
            if !state.unset_join_waker_after_complete().has(JOIN_INTEREST) {
                assert_eq!(Shared::take(&shared.join_waker), Some(1));
                drops.fetch_add(1, SeqCst);
            }
        }
        if state.ref_dec() {
            frees.fetch_add(1, SeqCst);
        }
        handle.join().unwrap();
        assert_eq!(drops.load(SeqCst), 2, "the output and the waker, once each");
        assert_eq!(frees.load(SeqCst), 1);
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
