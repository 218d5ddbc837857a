// Chapter 36's async mutex; its doc comment is on `pub mod fair` in mod.rs
// (loom-checks/ include!s this file, where an inner doc comment cannot be).

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::mem;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use listings::many_threads::mutex::sync;

// ANCHOR: state
/// A mutex whose `lock` waits by returning `Pending`, not by blocking.
pub struct Mutex<T> {
    /// Who owns the lock and who waits for it. A short, blocking lock:
    /// nobody holds it across an `.await`, only for a few lines.
    state: sync::Mutex<State>,
    /// The value; reached only through a `MutexGuard`.
    data: sync::UnsafeCell<T>,
}

struct State {
    owner: Owner,
    /// Tasks waiting for the lock, oldest first.
    waiters: VecDeque<Waiter>,
    /// The ticket the next waiter gets.
    next_ticket: u64,
}

/// Whose the lock is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// Nobody's, and nobody waits for it.
    Free,
    /// A guard's.
    Held,
    /// Given by an unlock to the waiter with this ticket, which has been
    /// woken and will take it at its next poll. Nobody else can.
    HandedTo(u64),
}

/// One task waiting for the lock.
struct Waiter {
    ticket: u64,
    waker: Waker,
}
// ANCHOR_END: state

// SAFETY: the value moves between threads with the lock (so `T: Send`), and
// a guard, the only way to reach it, exists for one owner at a time, which
// `state` decides (so sharing the mutex needs no more than `T: Send`, as
// for std's `Mutex`).
unsafe impl<T: Send> Send for Mutex<T> {}
unsafe impl<T: Send> Sync for Mutex<T> {}

impl<T> Mutex<T> {
    /// An unlocked mutex holding `value`.
    pub fn new(value: T) -> Mutex<T> {
        Mutex {
            state: sync::Mutex::new(State {
                owner: Owner::Free,
                waiters: VecDeque::new(),
                next_ticket: 0,
            }),
            data: sync::UnsafeCell::new(value),
        }
    }

    /// A future that resolves to the guard once the lock is this caller's.
    pub fn lock(&self) -> Lock<'_, T> {
        Lock { mutex: self, ticket: None }
    }

    /// The guard, if the lock is free now and nobody waits.
    pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        let mut state = self.state.lock().unwrap();
        if state.owner != Owner::Free {
            return None;
        }
        state.owner = Owner::Held;
        Some(MutexGuard::new(self))
    }

    /// Whose the lock is, and the tickets of the waiters, oldest first.
    pub fn snapshot(&self) -> (Owner, Vec<u64>) {
        let state = self.state.lock().unwrap();
        (state.owner, state.waiters.iter().map(|waiter| waiter.ticket).collect())
    }

    /// The value, out of the mutex.
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

// ANCHOR: release
impl State {
    /// Lets go of the lock: hands it to the oldest waiter, if there is one,
    /// and returns that waiter's waker to wake once `state` is unlocked.
    fn release(&mut self) -> Option<Waker> {
        match self.waiters.pop_front() {
            Some(next) => {
                self.owner = Owner::HandedTo(next.ticket);
                Some(next.waker)
            }
            None => {
                self.owner = Owner::Free;
                None
            }
        }
    }
}

impl<T> Mutex<T> {
    /// Called by the guard's `drop`.
    fn unlock(&self) {
        let next = self.state.lock().unwrap().release();
        if let Some(waker) = next {
            waker.wake(); // after the lock on `state` is released
        }
    }
}
// ANCHOR_END: release

// ANCHOR: lock
/// The future `Mutex::lock` returns.
pub struct Lock<'a, T> {
    mutex: &'a Mutex<T>,
    /// Set once this future has joined the queue.
    ticket: Option<u64>,
}

impl<'a, T> Future for Lock<'a, T> {
    type Output = MutexGuard<'a, T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<MutexGuard<'a, T>> {
        let mutex = self.mutex;
        let mut state = mutex.state.lock().unwrap();
        let Some(ticket) = self.ticket else {
            // First poll: take a free lock, or join the back of the queue.
            if state.owner == Owner::Free {
                state.owner = Owner::Held;
                return Poll::Ready(MutexGuard::new(mutex));
            }
            let ticket = state.next_ticket;
            state.next_ticket += 1;
            state.waiters.push_back(Waiter { ticket, waker: cx.waker().clone() });
            self.ticket = Some(ticket);
            return Poll::Pending;
        };
        if state.owner == Owner::HandedTo(ticket) {
            state.owner = Owner::Held;
            self.ticket = None; // the guard owns the lock now, not this future
            return Poll::Ready(MutexGuard::new(mutex));
        }
        // Still queued (polled again by a select!, say): keep the newest waker.
        let waiter = state.waiters.iter_mut().find(|waiter| waiter.ticket == ticket);
        let waiter = waiter.expect("a waiter not handed the lock is in the queue");
        if !waiter.waker.will_wake(cx.waker()) {
            let old = mem::replace(&mut waiter.waker, cx.waker().clone());
            drop(state);
            drop(old); // a waker's drop may run any code: not under our lock
        }
        Poll::Pending
    }
}
// ANCHOR_END: lock

// ANCHOR: drop_waiter
impl<T> Drop for Lock<'_, T> {
    /// A waiter that gives up leaves the queue; one that had already been
    /// handed the lock passes it on to the next waiter, or sets it free.
    fn drop(&mut self) {
        let Some(ticket) = self.ticket else {
            return; // never queued, or its guard has the lock
        };
        let mut state = self.mutex.state.lock().unwrap();
        if state.owner == Owner::HandedTo(ticket) {
            let next = state.release();
            drop(state);
            if let Some(waker) = next {
                waker.wake();
            }
        } else {
            let at = state.waiters.iter().position(|waiter| waiter.ticket == ticket);
            let at = at.expect("a waiter not handed the lock is in the queue");
            let left = state.waiters.remove(at);
            drop(state);
            drop(left);
        }
    }
}
// ANCHOR_END: drop_waiter

// ANCHOR: guard
/// Access to the value while the lock is held; unlocks when dropped.
pub struct MutexGuard<'a, T> {
    mutex: &'a Mutex<T>,
    /// Makes the guard `Send` only if `T: Send` and `Sync` only if
    /// `T: Sync`, as a `&mut T` is: it hands out `&T` to whoever shares it.
    _value: PhantomData<&'a mut T>,
}

impl<'a, T> MutexGuard<'a, T> {
    fn new(mutex: &'a Mutex<T>) -> MutexGuard<'a, T> {
        MutexGuard { mutex, _value: PhantomData }
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: this guard owns the lock, so no other reference to the
        // value exists until it is dropped.
        self.mutex.data.with(|value| unsafe { &*value })
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only one.
        self.mutex.data.with_mut(|value| unsafe { &mut *value })
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.mutex.unlock();
    }
}
// ANCHOR_END: guard

impl<T: Default> Default for Mutex<T> {
    fn default() -> Mutex<T> {
        Mutex::new(T::default())
    }
}

impl<T> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (owner, waiters) = self.snapshot();
        f.debug_struct("Mutex")
            .field("owner", &owner)
            .field("waiters", &waiters)
            .finish()
    }
}
