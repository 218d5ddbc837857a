//! The exercise of chapter 34 and its solution (shown in the appendix): an
//! inject queue whose pop takes a worker's share, runs one task of it and
//! moves the rest into the worker's local queue.

use std::collections::VecDeque;

use listings::many_threads::steal::queue::Local;
use listings::many_threads::steal::sync::Mutex;

/// The shared queue of chapter 34, with a pop for a worker whose local queue
/// has run dry.
pub struct BatchInject<T> {
    tasks: Mutex<VecDeque<T>>,
}

impl<T> BatchInject<T> {
    /// An empty queue.
    pub fn new() -> BatchInject<T> {
        BatchInject { tasks: Mutex::new(VecDeque::new()) }
    }

    /// Pushes `task` at the back.
    pub fn push(&self, task: T) {
        self.tasks.lock().unwrap().push_back(task);
    }

    /// How many tasks wait in the queue.
    pub fn len(&self) -> usize {
        self.tasks.lock().unwrap().len()
    }

    /// Whether no task waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // ANCHOR: solution
    // ANCHOR: exercise
    /// Takes the share of one of `workers` workers from the front, oldest
    /// first: `len / workers + 1` tasks, or all there are if fewer (a
    /// `workers` of 0 counts as 1). Returns the first, for the worker to run
    /// now, and pushes the others, in order, to the back of `local`, but no
    /// more of them than `local` has room for, nor more than half of its
    /// capacity; what it cannot take stays here, at the front.
    pub fn pop_share(&self, local: &Local<T>, workers: usize) -> Option<T> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let room = (local.capacity() - local.len()).min(local.capacity() / 2);
        let (first, rest) = {
            let mut tasks = self.tasks.lock().unwrap();
            let share = (tasks.len() / workers.max(1) + 1).min(tasks.len());
            let share = share.min(1 + room);
            let first = tasks.pop_front()?;
            let rest: Vec<T> = tasks.drain(..share - 1).collect();
            (first, rest)
        }; // the inject lock is released before the local queue's is taken
        for task in rest {
            // Only this worker pushes to `local`, and thieves only take, so
            // the room counted above is still there.
            let spilled = local.push_back(task);
            assert!(spilled.is_none(), "the local queue had room");
        }
        Some(first)
        // ANCHOR_END: todo
    }
    // ANCHOR_END: solution
}

impl<T> Default for BatchInject<T> {
    fn default() -> BatchInject<T> {
        BatchInject::new()
    }
}
