// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/many_threads/mutex/semaphore.rs.
//! The exercise of chapter 36 and its solution (shown in the appendix): a
//! fair async semaphore, chapter 36's mutex with `permits` owners at once
//! instead of one, and no value to guard (so no `unsafe`).

use std::collections::VecDeque;
use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

/// Up to `permits` holders at once; the others wait in a FIFO queue.
pub struct Semaphore {
    state: Mutex<State>,
}

struct State {
    /// Permits nobody holds and nobody has been handed.
    available: usize,
    /// Tasks waiting for a permit, oldest first.
    waiters: VecDeque<Waiter>,
    /// Waiters a released permit was handed to, and that have been woken to
    /// take it at their next poll; nobody else can.
    handed: Vec<u64>,
    /// The ticket the next waiter gets.
    next_ticket: u64,
}

/// One task waiting for a permit.
struct Waiter {
    ticket: u64,
    waker: Waker,
}

impl Semaphore {
    /// A semaphore with `permits` free permits.
    pub fn new(permits: usize) -> Semaphore {
        let state = State {
            available: permits,
            waiters: VecDeque::new(),
            handed: Vec::new(),
            next_ticket: 0,
        };
        Semaphore { state: Mutex::new(state) }
    }

    /// A future that resolves to a permit once one is this caller's.
    pub fn acquire(&self) -> Acquire<'_> {
        Acquire { semaphore: self, ticket: None }
    }

    /// How many permits are free now.
    pub fn available(&self) -> usize {
        self.state.lock().unwrap().available
    }

    /// Called by a permit's `drop`, and by a waiter dropped with a permit
    /// handed to it.
    fn release(&self) {
        let next = {
            let mut state = self.state.lock().unwrap();
            match state.waiters.pop_front() {
                Some(next) => {
                    state.handed.push(next.ticket);
                    Some(next.waker)
                }
                None => {
                    state.available += 1;
                    None
                }
            }
        };
        if let Some(waker) = next {
            waker.wake(); // after the lock on `state` is released
        }
    }
}

/// One of the semaphore's permits; gives it back when dropped.
pub struct Permit<'a> {
    semaphore: &'a Semaphore,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}

/// The future `Semaphore::acquire` returns.
pub struct Acquire<'a> {
    semaphore: &'a Semaphore,
    /// Set once this future has joined the queue.
    ticket: Option<u64>,
}

impl<'a> Future for Acquire<'a> {
    type Output = Permit<'a>;

    /// A free permit on the first poll, if there is one; else a place at the
    /// back of the queue, and `Pending` until a released permit is handed
    /// to this waiter. A waiter polled again keeps its place and the newest
    /// waker.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit<'a>> {
        todo!()
    }
}

impl Drop for Acquire<'_> {
    /// A waiter that gives up leaves the queue; one that had already been
    /// handed a permit passes it on.
    fn drop(&mut self) {
        let Some(ticket) = self.ticket else {
            return; // never queued, or its permit is out
        };
        let mut state = self.semaphore.state.lock().unwrap();
        if let Some(at) = state.handed.iter().position(|&handed| handed == ticket) {
            state.handed.swap_remove(at);
            drop(state);
            self.semaphore.release();
        } else if let Some(at) = state.waiters.iter().position(|w| w.ticket == ticket) {
            let left = state.waiters.remove(at);
            drop(state);
            drop(left);
        }
    }
}
