// Chapter 34's parking; its doc comment is on `pub mod park` in mod.rs
// (loom-checks/ include!s this file, where an inner doc comment cannot be).

use listings::many_threads::steal::sync::{Condvar, Mutex};

/// Where idle workers sleep, and how they are woken.
pub struct Idle {
    state: Mutex<IdleState>,
    condvar: Condvar,
}

struct IdleState {
    /// Workers inside `park` or `park_naive`.
    sleeping: usize,
    /// Counts calls of `notify` that found a sleeper; `park_naive` waits
    /// for it to change.
    notifications: u64,
    /// Set once by `shutdown`: every sleeper returns, and none sleeps again.
    shutdown: bool,
}

impl Idle {
    /// Nobody sleeps yet.
    pub fn new() -> Idle {
        Idle {
            state: Mutex::new(IdleState {
                sleeping: 0,
                notifications: 0,
                shutdown: false,
            }),
            condvar: Condvar::new(),
        }
    }

    // ANCHOR: notify
    /// Called after a task was pushed where a sleeping worker could take
    /// it: wakes one sleeper, if there is one. The lock is taken *after*
    /// the push, which is what `park` relies on.
    pub fn notify(&self) {
        let mut state = self.state.lock().unwrap();
        if state.sleeping > 0 {
            state.notifications += 1;
            self.condvar.notify_one();
        }
    }
    // ANCHOR_END: notify

    // ANCHOR: naive
    /// The naive sleep. The worker has looked at every queue and found
    /// nothing; now it says it sleeps, and waits for a `notify`. A push and
    /// its `notify` that land between that look and this call find nobody
    /// asleep, wake nobody, and the worker sleeps with work queued.
    /// Returns whether a `notify` woke it (`false`: `shutdown` did).
    pub fn park_naive(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        state.sleeping += 1;
        let seen = state.notifications;
        while state.notifications == seen && !state.shutdown {
            state = self.condvar.wait(state).unwrap();
        }
        state.sleeping -= 1;
        state.notifications != seen
    }
    // ANCHOR_END: naive

    // ANCHOR: park
    /// The fixed sleep: say it sleeps, *then* look for work once more,
    /// under the lock that `notify` takes. A push that the look misses
    /// comes after it, so its `notify` finds this worker counted as a
    /// sleeper and wakes it (or another sleeper, which looks again).
    pub fn park(&self, has_work: impl Fn() -> bool) {
        let mut state = self.state.lock().unwrap();
        state.sleeping += 1;
        while !state.shutdown && !has_work() {
            state = self.condvar.wait(state).unwrap();
        }
        state.sleeping -= 1;
    }
    // ANCHOR_END: park

    /// Wakes every sleeper for good: the runtime is shutting down.
    pub fn shutdown(&self) {
        self.state.lock().unwrap().shutdown = true;
        self.condvar.notify_all();
    }

    /// Whether `shutdown` was called.
    pub fn is_shutdown(&self) -> bool {
        self.state.lock().unwrap().shutdown
    }

    /// How many workers are inside `park` or `park_naive` right now.
    pub fn sleeping(&self) -> usize {
        self.state.lock().unwrap().sleeping
    }
}

impl Default for Idle {
    fn default() -> Idle {
        Idle::new()
    }
}
