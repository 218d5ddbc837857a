// Chapter 34's queues; their doc comment is on `pub mod queue` in mod.rs
// (loom-checks/ include!s this file, where an inner doc comment cannot be).
//
// Both queues are a `VecDeque` under a lock: simple, and clearly correct.
// Each lock is held for a few lines and never while a task runs, and no
// code here holds two of them at once.

use std::collections::VecDeque;

use listings::many_threads::steal::sync::Mutex;

// ANCHOR: local
/// A worker's own run queue, with room for `capacity` tasks. Its worker
/// pushes at the back and pops at the front; a thief takes half from the
/// front, the tasks that have waited longest. The queue is bounded: what
/// does not fit goes to the inject queue, where every worker looks.
pub struct Local<T> {
    tasks: Mutex<VecDeque<T>>,
    capacity: usize,
}

impl<T> Local<T> {
    /// An empty queue for up to `capacity` tasks (at least 2).
    pub fn new(capacity: usize) -> Local<T> {
        assert!(capacity >= 2, "a local queue holds at least two tasks");
        Local { tasks: Mutex::new(VecDeque::with_capacity(capacity)), capacity }
    }

    /// Pushes `task` at the back. A full queue keeps its newer half: the
    /// older half and `task` come back, for the caller to put in the inject
    /// queue, where any worker finds them.
    pub fn push_back(&self, task: T) -> Option<Vec<T>> {
        let mut tasks = self.tasks.lock().unwrap();
        if tasks.len() < self.capacity {
            tasks.push_back(task);
            return None;
        }
        let mut overflow: Vec<T> = tasks.drain(..self.capacity / 2).collect();
        overflow.push(task);
        Some(overflow)
    }

    /// Takes the task at the front.
    pub fn pop(&self) -> Option<T> {
        self.tasks.lock().unwrap().pop_front()
    }

    /// Takes half of the tasks, rounded up, from the front: what a thief
    /// takes. Returns them oldest first, and how many there were.
    pub fn steal_half(&self) -> (Vec<T>, usize) {
        let mut tasks = self.tasks.lock().unwrap();
        let had = tasks.len();
        let take = had - had / 2;
        (tasks.drain(..take).collect(), had)
    }
    // ANCHOR_END: local

    /// How many tasks wait in the queue.
    pub fn len(&self) -> usize {
        self.tasks.lock().unwrap().len()
    }

    /// Whether no task waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most it holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Takes every task out, oldest first.
    pub fn drain(&self) -> Vec<T> {
        self.tasks.lock().unwrap().drain(..).collect()
    }
}

// ANCHOR: inject
/// The shared queue: tasks spawned or woken outside the workers, and the
/// overflow of full local queues. Any worker pops from it.
pub struct Inject<T> {
    tasks: Mutex<VecDeque<T>>,
}

impl<T> Inject<T> {
    /// An empty queue.
    pub fn new() -> Inject<T> {
        Inject { tasks: Mutex::new(VecDeque::new()) }
    }

    /// Pushes `task` at the back.
    pub fn push(&self, task: T) {
        self.tasks.lock().unwrap().push_back(task);
    }

    /// Pushes `tasks` at the back, in order, under one lock.
    pub fn push_batch(&self, tasks: Vec<T>) {
        self.tasks.lock().unwrap().extend(tasks);
    }

    /// Takes the task at the front.
    pub fn pop(&self) -> Option<T> {
        self.tasks.lock().unwrap().pop_front()
    }
    // ANCHOR_END: inject

    /// How many tasks wait in the queue.
    pub fn len(&self) -> usize {
        self.tasks.lock().unwrap().len()
    }

    /// Whether no task waits.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes every task out, oldest first.
    pub fn drain(&self) -> Vec<T> {
        self.tasks.lock().unwrap().drain(..).collect()
    }
}

impl<T> Default for Inject<T> {
    fn default() -> Inject<T> {
        Inject::new()
    }
}
