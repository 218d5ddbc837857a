//! Chapter 36: the unfair variant the book measures its mutex against. An
//! unlock sets the lock free and wakes the first waiter, which must then
//! try again like anyone else: a task that asks between the unlock and the
//! waiter's poll takes the lock first (it "barges" in). Everything else is
//! as in `fair.rs`, with less care: it is here to be measured, not used.

use std::collections::VecDeque;
use std::future::Future;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use listings::many_threads::mutex::sync;

/// A mutex whose unlock sets the lock free, then wakes a waiter.
pub struct BargingMutex<T> {
    state: sync::Mutex<BargingState>,
    data: sync::UnsafeCell<T>,
}

struct BargingState {
    locked: bool,
    /// Wakers of tasks that found the lock taken, oldest first.
    waiters: VecDeque<Waker>,
}

// SAFETY: as for `fair::Mutex`: one guard at a time, decided by `locked`.
unsafe impl<T: Send> Send for BargingMutex<T> {}
unsafe impl<T: Send> Sync for BargingMutex<T> {}

impl<T> BargingMutex<T> {
    /// An unlocked mutex holding `value`.
    pub fn new(value: T) -> BargingMutex<T> {
        BargingMutex {
            state: sync::Mutex::new(BargingState {
                locked: false,
                waiters: VecDeque::new(),
            }),
            data: sync::UnsafeCell::new(value),
        }
    }

    /// A future that resolves to the guard once it finds the lock free.
    pub fn lock(&self) -> BargingLock<'_, T> {
        BargingLock { mutex: self }
    }

    /// The value, out of the mutex.
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

/// The future `BargingMutex::lock` returns.
pub struct BargingLock<'a, T> {
    mutex: &'a BargingMutex<T>,
}

// ANCHOR: barging
impl<'a, T> Future for BargingLock<'a, T> {
    type Output = BargingGuard<'a, T>;

    /// Every poll, the first and the woken ones alike, tries the lock; a
    /// poll that finds it taken goes to the back of the queue again.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<BargingGuard<'a, T>> {
        let mut state = self.mutex.state.lock().unwrap();
        if !state.locked {
            state.locked = true;
            return Poll::Ready(BargingGuard {
                mutex: self.mutex,
                _value: PhantomData,
            });
        }
        state.waiters.push_back(cx.waker().clone());
        Poll::Pending
    }
}

impl<T> Drop for BargingGuard<'_, T> {
    /// Sets the lock free, then wakes the oldest waiter to try again.
    fn drop(&mut self) {
        let next = {
            let mut state = self.mutex.state.lock().unwrap();
            state.locked = false;
            state.waiters.pop_front()
        };
        if let Some(waker) = next {
            waker.wake();
        }
    }
}
// ANCHOR_END: barging

/// Access to the value while the lock is held; unlocks when dropped.
pub struct BargingGuard<'a, T> {
    mutex: &'a BargingMutex<T>,
    _value: PhantomData<&'a mut T>,
}

impl<T> Deref for BargingGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: this guard owns the lock; no other reference exists.
        self.mutex.data.with(|value| unsafe { &*value })
    }
}

impl<T> DerefMut for BargingGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only one.
        self.mutex.data.with_mut(|value| unsafe { &mut *value })
    }
}
