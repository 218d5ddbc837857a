//! The exercise of chapter 32 and its solution (shown in the appendix): a
//! limit on how many connections the echo server serves at once, as a
//! small asynchronous semaphore built like chapter 32's `Stop`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: solution
// ANCHOR: cut
/// What a limit, its permits and the futures waiting for one share.
#[derive(Default)]
struct Shared {
    /// Permits nobody holds.
    available: usize,
    /// The waker of each waiting `Acquire`, by its number, oldest first.
    waiting: BTreeMap<u64, Waker>,
    next: u64,
}

/// At most a fixed number of permits out at once. Clones share them.
#[derive(Clone)]
pub struct Limit {
    shared: Arc<Mutex<Shared>>,
}

/// Waits for a permit.
pub struct Acquire {
    shared: Arc<Mutex<Shared>>,
    id: u64,
    /// Set once it has returned its permit.
    done: bool,
}

/// One permit; dropping it gives it back.
pub struct Permit {
    shared: Arc<Mutex<Shared>>,
}

impl Shared {
    /// One permit more, and the oldest waiter woken to take it (after the
    /// lock: the caller wakes what this returns).
    fn give_back(&mut self) -> Option<Waker> {
        self.available += 1;
        self.waiting.pop_first().map(|(_, waker)| waker)
    }
}

impl Future for Acquire {
    type Output = Permit;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        let mut shared = self.shared.lock().unwrap();
        if shared.available > 0 {
            shared.available -= 1;
            shared.waiting.remove(&self.id);
            drop(shared);
            self.done = true;
            return Poll::Ready(Permit { shared: Arc::clone(&self.shared) });
        }
        shared.waiting.insert(self.id, cx.waker().clone()); // replaces an older one
        Poll::Pending
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let mut shared = self.shared.lock().unwrap();
        // Still in the list: nobody woke it, just leave.
        if shared.waiting.remove(&self.id).is_some() {
            return;
        }
        // Woken for a permit it will never take: pass the wake on.
        let next = if shared.available > 0 {
            shared.waiting.pop_first().map(|(_, waker)| waker)
        } else {
            None
        };
        drop(shared);
        if let Some(waker) = next {
            waker.wake();
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let next = self.shared.lock().unwrap().give_back();
        if let Some(waker) = next {
            waker.wake(); // outside the lock
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your types. These placeholders only let the starter compile: give
// /// them fields, `Acquire` its `Future` impl, and each the `Drop` it needs.
// #[derive(Clone)]
// pub struct Limit;
//
// pub struct Acquire;
//
// impl Future for Acquire {
//     type Output = Permit;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
//         todo!()
//     }
// }
//
// pub struct Permit;
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl Limit {
    /// A limit of `permits` at once.
    pub fn new(permits: usize) -> Limit {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let shared = Shared { available: permits, ..Shared::default() };
        Limit { shared: Arc::new(Mutex::new(shared)) }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// A future of a permit: ready at once if one is free, otherwise when
    /// a `Permit` is dropped and this is the oldest waiter. Dropped while
    /// it waits, it takes nothing, and blocks no other waiter.
    pub fn acquire(&self) -> Acquire {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let mut shared = self.shared.lock().unwrap();
        shared.next += 1;
        Acquire { shared: Arc::clone(&self.shared), id: shared.next, done: false }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// How many permits nobody holds now.
    pub fn available(&self) -> usize {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.shared.lock().unwrap().available
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution
