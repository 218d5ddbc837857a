// Chapter 30: a task's state word. One `AtomicUsize` holds the task's
// lifecycle bits and its reference count; every change is a small function
// that reads the word, computes the next one, and swaps it in with a
// compare-and-exchange loop.
//
// This file names its atomics through `listings::engine::task::sync`, so
// that the loom checks (`loom-checks/src/lib.rs`) can compile the very same
// code against loom's atomics, with `include!` inside a module where that
// path leads to loom. It uses nothing else from outside, and its comment is
// a plain one: `include!` takes no `//!`.

use std::fmt;

use listings::engine::task::sync::{AtomicUsize, Ordering};

// ANCHOR: bits
/// The future is being polled; whoever set this bit owns the future.
pub const RUNNING: usize = 1 << 0;
/// The future is gone and the output (or the error) is in the task.
pub const COMPLETE: usize = 1 << 1;
/// The task is in a run queue, or will be put back in one after its poll.
pub const NOTIFIED: usize = 1 << 2;
/// A `JoinHandle` is alive and wants the output.
pub const JOIN_INTEREST: usize = 1 << 3;
/// The `JoinHandle` has stored a waker in the task; the runner may read it.
pub const JOIN_WAKER: usize = 1 << 4;
/// `abort` was called: the next poll drops the future instead.
pub const CANCELLED: usize = 1 << 5;

/// The reference count lives in the bits above the flags: one reference
/// is this much.
pub const REF_ONE: usize = 1 << 6;

/// A new task: two references (the queued task and the `JoinHandle`),
/// queued for its first poll, and with a handle that wants its output.
const INITIAL: usize = (2 * REF_ONE) | NOTIFIED | JOIN_INTEREST;
// ANCHOR_END: bits

/// A task's state word.
pub struct State {
    word: AtomicUsize,
}

/// One reading of the state word.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Snapshot(pub usize);

impl Snapshot {
    /// How many references to the task are alive.
    pub fn ref_count(self) -> usize {
        self.0 / REF_ONE
    }

    /// Whether `bit` (one of this module's flags) is set.
    pub fn has(self, bit: usize) -> bool {
        self.0 & bit != 0
    }

    fn with(self, bit: usize) -> Snapshot {
        Snapshot(self.0 | bit)
    }

    fn without(self, bit: usize) -> Snapshot {
        Snapshot(self.0 & !bit)
    }

    fn ref_inc(self) -> Snapshot {
        Snapshot(self.0 + REF_ONE)
    }

    fn ref_dec(self) -> Snapshot {
        assert!(self.ref_count() > 0, "a task's reference count went below zero");
        Snapshot(self.0 - REF_ONE)
    }
}

/// Prints the count and the set flags, such as `refs 2 NOTIFIED JOIN_INTEREST`.
impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refs {}", self.ref_count())?;
        let names = [
            (RUNNING, "RUNNING"),
            (COMPLETE, "COMPLETE"),
            (NOTIFIED, "NOTIFIED"),
            (JOIN_INTEREST, "JOIN_INTEREST"),
            (JOIN_WAKER, "JOIN_WAKER"),
            (CANCELLED, "CANCELLED"),
        ];
        for (bit, name) in names {
            if self.has(bit) {
                write!(f, " {name}")?;
            }
        }
        Ok(())
    }
}

/// What the runner does with a queued task it took off the queue.
#[derive(Debug, PartialEq, Eq)]
pub enum StartPoll {
    /// RUNNING is now set: poll the future.
    Poll,
    /// RUNNING is now set, but the task was aborted: drop the future.
    Cancel,
}

/// What the runner does after a poll that returned `Pending`.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterPending {
    /// Idle now; the runner's reference is dropped and others remain.
    Idle,
    /// Idle now, and the runner held the last reference: free the task.
    Dealloc,
    /// Woken while it ran: still NOTIFIED, and the runner's reference
    /// becomes the reference of the task it queues again.
    Reschedule,
    /// Aborted while it ran: still RUNNING; drop the future, then complete.
    Cancel,
}

/// What a waker does after `wake` (by value).
#[derive(Debug, PartialEq, Eq)]
pub enum WakeByVal {
    /// Nothing to queue; the waker's reference is dropped.
    Nothing,
    /// Nothing to queue, and the waker held the last reference.
    Dealloc,
    /// Queue the task; the waker's reference moves into the queued task.
    Schedule,
}

/// What dropping the `JoinHandle` leaves for it to drop.
#[derive(Debug, PartialEq, Eq)]
pub struct HandleDropped {
    /// The task is complete and nobody will read its output.
    pub drop_output: bool,
    /// The runner will not touch the join waker again.
    pub drop_waker: bool,
}

impl State {
    /// The state of a task that `spawn` has just made.
    pub fn new() -> State {
        State { word: AtomicUsize::new(INITIAL) }
    }

    /// Reads the word.
    pub fn load(&self) -> Snapshot {
        Snapshot(self.word.load(Ordering::Acquire))
    }

    // ANCHOR: update
    /// The loop every transition runs in: compute the next word from the
    /// current one, and swap it in only if nobody changed the word since.
    /// `step` returns its answer, and `None` for "leave the word alone".
    fn update<R>(&self, mut step: impl FnMut(Snapshot) -> (R, Option<Snapshot>)) -> R {
        let mut current = self.word.load(Ordering::Acquire);
        loop {
            let (answer, next) = step(Snapshot(current));
            let Some(next) = next else {
                return answer;
            };
            match self.word.compare_exchange(
                current,
                next.0,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return answer,
                Err(actual) => current = actual, // someone was faster: again
            }
        }
    }
    // ANCHOR_END: update

    // ANCHOR: running
    /// The runner took the task off the queue: set RUNNING, clear NOTIFIED
    /// (so that a wake during the poll shows), keep the queued task's
    /// reference for the poll.
    pub fn start_poll(&self) -> StartPoll {
        self.update(|now| {
            assert!(now.has(NOTIFIED), "a queued task is always NOTIFIED");
            assert!(!now.has(RUNNING | COMPLETE), "a queued task is idle");
            let next = now.with(RUNNING).without(NOTIFIED);
            if now.has(CANCELLED) {
                (StartPoll::Cancel, Some(next))
            } else {
                (StartPoll::Poll, Some(next))
            }
        })
    }

    /// The poll returned `Pending`: clear RUNNING, unless someone woke the
    /// task meanwhile (then the runner queues it again) or aborted it.
    pub fn finish_pending(&self) -> AfterPending {
        self.update(|now| {
            assert!(now.has(RUNNING));
            if now.has(CANCELLED) {
                return (AfterPending::Cancel, None);
            }
            let next = now.without(RUNNING);
            if next.has(NOTIFIED) {
                (AfterPending::Reschedule, Some(next))
            } else {
                let next = next.ref_dec();
                if next.ref_count() == 0 {
                    (AfterPending::Dealloc, Some(next))
                } else {
                    (AfterPending::Idle, Some(next))
                }
            }
        })
    }
    // ANCHOR_END: running

    /// The future is gone and its output stored: RUNNING off, COMPLETE on,
    /// in one step. Returns the word after it.
    pub fn complete(&self) -> Snapshot {
        let before =
            Snapshot(self.word.fetch_xor(RUNNING | COMPLETE, Ordering::AcqRel));
        assert!(before.has(RUNNING) && !before.has(COMPLETE));
        Snapshot(before.0 ^ (RUNNING | COMPLETE))
    }

    // ANCHOR: wake
    /// `wake` on a waker, which gives up its reference.
    pub fn wake_by_val(&self) -> WakeByVal {
        self.update(|now| {
            if now.has(RUNNING) {
                // The runner sees NOTIFIED after the poll and queues the
                // task itself; it holds a reference, so this is not the last.
                let next = now.with(NOTIFIED).ref_dec();
                assert!(next.ref_count() > 0);
                (WakeByVal::Nothing, Some(next))
            } else if now.has(COMPLETE) || now.has(NOTIFIED) {
                // Finished, or already queued: nothing to do but let go.
                let next = now.ref_dec();
                if next.ref_count() == 0 {
                    (WakeByVal::Dealloc, Some(next))
                } else {
                    (WakeByVal::Nothing, Some(next))
                }
            } else {
                // Idle: queue it, handing over this waker's reference.
                (WakeByVal::Schedule, Some(now.with(NOTIFIED)))
            }
        })
    }

    /// `wake_by_ref` on a waker, which keeps its reference. Returns whether
    /// to queue the task, with a new reference for the queued task.
    pub fn wake_by_ref(&self) -> bool {
        self.update(|now| {
            if now.has(COMPLETE) || now.has(NOTIFIED) {
                // Nothing changes, but the word is stored anyway (the same
                // value, with Release) so that what this thread wrote before
                // waking is visible to the poll that the earlier wake queued.
                (false, Some(now))
            } else if now.has(RUNNING) {
                (false, Some(now.with(NOTIFIED)))
            } else {
                (true, Some(now.with(NOTIFIED).ref_inc()))
            }
        })
    }
    // ANCHOR_END: wake

    // ANCHOR: refs
    /// One more reference (a waker's clone).
    pub fn ref_inc(&self) {
        let before = self.word.fetch_add(REF_ONE, Ordering::Relaxed);
        // Like `Arc`, give up rather than let the count wrap around.
        if before > isize::MAX as usize {
            std::process::abort();
        }
    }

    /// One reference fewer. Returns whether it was the last one: then the
    /// caller frees the task, and nobody else can touch it.
    pub fn ref_dec(&self) -> bool {
        let before = Snapshot(self.word.fetch_sub(REF_ONE, Ordering::AcqRel));
        assert!(before.ref_count() > 0, "a task's reference count went below zero");
        before.ref_count() == 1
    }
    // ANCHOR_END: refs

    // ANCHOR: abort
    /// `abort` on the `JoinHandle`. Returns whether to queue the task, with
    /// a new reference for the queued task.
    pub fn abort(&self) -> bool {
        self.update(|now| {
            if now.has(COMPLETE) || now.has(CANCELLED) {
                (false, None) // too late, or already done
            } else if now.has(RUNNING) || now.has(NOTIFIED) {
                // The runner sees CANCELLED after this poll, or at the start
                // of the poll it has queued.
                (false, Some(now.with(CANCELLED)))
            } else {
                (true, Some(now.with(CANCELLED | NOTIFIED).ref_inc()))
            }
        })
    }
    // ANCHOR_END: abort

    // ANCHOR: join_waker
    /// The `JoinHandle` has written its waker into the task and publishes
    /// it. Fails, changing nothing, if the task completed first.
    pub fn set_join_waker(&self) -> Result<Snapshot, Snapshot> {
        self.update(|now| {
            assert!(now.has(JOIN_INTEREST) && !now.has(JOIN_WAKER));
            if now.has(COMPLETE) {
                (Err(now), None)
            } else {
                let next = now.with(JOIN_WAKER);
                (Ok(next), Some(next))
            }
        })
    }

    /// The `JoinHandle` takes its waker back to replace it. Fails if the
    /// task completed first (then the runner may be reading the waker).
    pub fn unset_join_waker(&self) -> Result<Snapshot, Snapshot> {
        self.update(|now| {
            assert!(now.has(JOIN_INTEREST));
            if now.has(COMPLETE) {
                (Err(now), None)
            } else {
                assert!(now.has(JOIN_WAKER));
                let next = now.without(JOIN_WAKER);
                (Ok(next), Some(next))
            }
        })
    }

    /// The runner has woken the join waker after completing, and lets go of
    /// it. Returns the word after: without JOIN_INTEREST, the handle is gone
    /// and the runner drops the waker.
    pub fn unset_join_waker_after_complete(&self) -> Snapshot {
        let before = Snapshot(self.word.fetch_and(!JOIN_WAKER, Ordering::AcqRel));
        assert!(before.has(COMPLETE) && before.has(JOIN_WAKER));
        before.without(JOIN_WAKER)
    }

    /// The `JoinHandle` is dropped (its reference is dropped separately).
    pub fn drop_join_handle(&self) -> HandleDropped {
        self.update(|now| {
            assert!(now.has(JOIN_INTEREST));
            let mut next = now.without(JOIN_INTEREST);
            if !now.has(COMPLETE) {
                // Not complete: take the waker back, so the runner never
                // reads it; the runner will drop the output itself.
                next = next.without(JOIN_WAKER);
            }
            let dropped = HandleDropped {
                drop_output: now.has(COMPLETE),
                drop_waker: !next.has(JOIN_WAKER),
            };
            (dropped, Some(next))
        })
    }
    // ANCHOR_END: join_waker
}

impl Default for State {
    fn default() -> State {
        State::new()
    }
}
