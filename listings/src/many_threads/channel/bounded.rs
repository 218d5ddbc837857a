// Chapter 35's bounded channel; its doc comment is on `pub mod bounded` in
// mod.rs (loom-checks/ include!s this file, where an inner doc comment
// cannot be).

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, poll_fn};
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use listings::many_threads::channel::sync::{Arc, Mutex};

// ANCHOR: state
/// What the senders and the receiver share.
struct Shared<T> {
    /// How many messages fit: buffered ones plus slots promised to permits.
    capacity: usize,
    /// Everything else, under one short, blocking lock: nobody holds it
    /// across an `.await`, only for a few lines, and no waker is woken or
    /// dropped while it is held.
    state: Mutex<State<T>>,
}

struct State<T> {
    /// The messages, oldest first.
    buffer: VecDeque<T>,
    /// Slots taken by a `Permit` (or handed to a waiting sender, which
    /// will turn it into one at its next poll) but not yet filled.
    reserved: usize,
    /// Senders waiting for a slot, oldest first: the back of the line.
    waiting: VecDeque<WaitingSender>,
    /// Waiting senders that a freed slot was handed to, and that have been
    /// woken to take it; nobody else can.
    handed: Vec<u64>,
    /// The ticket the next waiting sender gets.
    next_ticket: u64,
    /// The receiver's waker, while it waits for a message.
    receiver: Option<Waker>,
    /// How many `Sender`s exist; at zero, `recv` returns `None` once the
    /// buffer is empty.
    senders: usize,
    /// Set by `Receiver::close` or the receiver's drop: no new message
    /// gets a slot.
    closed: bool,
    /// Set by the receiver's drop: nobody will take the messages.
    receiver_gone: bool,
}

/// One sender waiting for a free slot.
struct WaitingSender {
    ticket: u64,
    waker: Waker,
}
// ANCHOR_END: state

/// The sending half; clone it for more senders.
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

/// The receiving half: one per channel.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
}

/// `send` failed because the channel is closed: the message, back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendError<T>(pub T);

/// Why `try_send` did not send: the channel is full or closed. Either way
/// the message comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrySendError<T> {
    Full(T),
    Closed(T),
}

/// A new channel with room for `capacity` messages.
pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    assert!(capacity > 0, "a bounded channel needs room for one message");
    let state = State {
        buffer: VecDeque::with_capacity(capacity),
        reserved: 0,
        waiting: VecDeque::new(),
        handed: Vec::new(),
        next_ticket: 0,
        receiver: None,
        senders: 1,
        closed: false,
        receiver_gone: false,
    };
    let shared = Arc::new(Shared { capacity, state: Mutex::new(state) });
    (Sender { shared: Arc::clone(&shared) }, Receiver { shared })
}

// ANCHOR: free_slot
impl<T> State<T> {
    /// Slots nobody holds: not buffered, not reserved, not handed over.
    fn free(&self, capacity: usize) -> usize {
        capacity - self.buffer.len() - self.reserved
    }

    /// One slot has just been given up (a message received, a permit or a
    /// handed slot dropped). Hands it to the oldest waiting sender, if
    /// there is one, and returns that sender's waker, to wake once the
    /// lock is let go; else the slot is simply free.
    fn slot_freed(&mut self) -> Option<Waker> {
        let next = self.waiting.pop_front()?;
        self.reserved += 1;
        self.handed.push(next.ticket);
        Some(next.waker)
    }
}
// ANCHOR_END: free_slot

// ANCHOR: reserve
impl<T> Sender<T> {
    /// Waits for a free slot and returns it as a `Permit`; fails only if
    /// the channel is closed. Dropping the future while it waits gives up
    /// its place in line, and passes on a slot it was handed.
    pub fn reserve(&self) -> Reserve<'_, T> {
        Reserve { shared: &self.shared, ticket: None }
    }

    /// Sends `message` once there is room, or gives it back if the channel
    /// is closed. Cancelling the future while it waits drops the message.
    pub async fn send(&self, message: T) -> Result<(), SendError<T>> {
        match self.reserve().await {
            Ok(permit) => {
                permit.send(message);
                Ok(())
            }
            Err(SendError(())) => Err(SendError(message)),
        }
    }
}

/// The future `Sender::reserve` returns.
pub struct Reserve<'a, T> {
    shared: &'a Shared<T>,
    /// Set once this future has joined the line of waiting senders.
    ticket: Option<u64>,
}

impl<'a, T> Future for Reserve<'a, T> {
    type Output = Result<Permit<'a, T>, SendError<()>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let shared = self.shared;
        let mut state = shared.state.lock().unwrap();
        let Some(ticket) = self.ticket else {
            // First poll: take a free slot, or join the back of the line.
            if state.closed {
                return Poll::Ready(Err(SendError(())));
            }
            if state.free(shared.capacity) > 0 {
                state.reserved += 1;
                return Poll::Ready(Ok(Permit { shared }));
            }
            let ticket = state.next_ticket;
            state.next_ticket += 1;
            state
                .waiting
                .push_back(WaitingSender { ticket, waker: cx.waker().clone() });
            self.ticket = Some(ticket);
            return Poll::Pending;
        };
        if let Some(at) = state.handed.iter().position(|&handed| handed == ticket) {
            state.handed.swap_remove(at); // the slot is counted in `reserved`
            self.ticket = None; // the permit owns the slot now
            return Poll::Ready(Ok(Permit { shared }));
        }
        if state.closed {
            self.ticket = None; // `close` emptied the line
            return Poll::Ready(Err(SendError(())));
        }
        // Still in line (polled again by a select!, say): keep the newest waker.
        let me = state.waiting.iter_mut().find(|waiting| waiting.ticket == ticket);
        let me = me.expect("a sender not handed a slot is in line");
        if !me.waker.will_wake(cx.waker()) {
            let old = mem::replace(&mut me.waker, cx.waker().clone());
            drop(state);
            drop(old); // a waker's drop may run any code: not under our lock
        }
        Poll::Pending
    }
}
// ANCHOR_END: reserve

// ANCHOR: drop_reserve
impl<T> Drop for Reserve<'_, T> {
    /// A sender that gives up leaves the line; one that had already been
    /// handed a slot passes it on to the next in line, or frees it.
    fn drop(&mut self) {
        let Some(ticket) = self.ticket else {
            return; // never waited, got its permit, or saw the channel closed
        };
        let mut state = self.shared.state.lock().unwrap();
        if let Some(at) = state.handed.iter().position(|&handed| handed == ticket) {
            state.handed.swap_remove(at);
            state.reserved -= 1;
            let next = state.slot_freed();
            drop(state);
            if let Some(waker) = next {
                waker.wake();
            }
        } else if let Some(at) = state.waiting.iter().position(|w| w.ticket == ticket) {
            let left = state.waiting.remove(at);
            drop(state);
            drop(left);
        }
        // Neither: `close` emptied the line after this sender joined it.
    }
}
// ANCHOR_END: drop_reserve

// ANCHOR: permit
/// A slot in the channel, held for one message: `send` cannot fail and
/// cannot wait. Dropping the permit unused gives the slot back.
pub struct Permit<'a, T> {
    shared: &'a Shared<T>,
}

impl<T> Permit<'_, T> {
    /// Puts `message` in the slot this permit holds, and wakes the
    /// receiver if it waits.
    pub fn send(self, message: T) {
        let shared = self.shared;
        mem::forget(self); // the slot is filled, not given back
        let mut state = shared.state.lock().unwrap();
        state.reserved -= 1;
        if state.receiver_gone {
            drop(state);
            drop(message); // nobody will ever take it
            return;
        }
        state.buffer.push_back(message);
        let receiver = state.receiver.take();
        drop(state);
        if let Some(waker) = receiver {
            waker.wake();
        }
    }
}

impl<T> Drop for Permit<'_, T> {
    fn drop(&mut self) {
        let mut state = self.shared.state.lock().unwrap();
        state.reserved -= 1;
        let wake = if state.closed {
            // A closed channel's receiver waits for the last permit.
            if state.reserved == 0 { state.receiver.take() } else { None }
        } else {
            state.slot_freed()
        };
        drop(state);
        if let Some(waker) = wake {
            waker.wake();
        }
    }
}
// ANCHOR_END: permit

impl<T> Sender<T> {
    /// Sends `message` if there is a free slot now, without waiting.
    pub fn try_send(&self, message: T) -> Result<(), TrySendError<T>> {
        let shared = &*self.shared;
        let mut state = shared.state.lock().unwrap();
        if state.closed {
            return Err(TrySendError::Closed(message));
        }
        if state.free(shared.capacity) == 0 {
            return Err(TrySendError::Full(message));
        }
        state.reserved += 1;
        drop(state);
        Permit { shared }.send(message);
        Ok(())
    }

    /// How many slots are free now (none while senders wait in line).
    pub fn capacity(&self) -> usize {
        self.shared.state.lock().unwrap().free(self.shared.capacity)
    }

    /// Whether the receiver has closed the channel or is gone.
    pub fn is_closed(&self) -> bool {
        self.shared.state.lock().unwrap().closed
    }
}

// ANCHOR: senders
impl<T> Clone for Sender<T> {
    fn clone(&self) -> Sender<T> {
        self.shared.state.lock().unwrap().senders += 1;
        Sender { shared: Arc::clone(&self.shared) }
    }
}

impl<T> Drop for Sender<T> {
    /// The last sender's drop wakes a waiting receiver, to see `None`.
    fn drop(&mut self) {
        let mut state = self.shared.state.lock().unwrap();
        state.senders -= 1;
        let receiver = if state.senders == 0 { state.receiver.take() } else { None };
        drop(state);
        if let Some(waker) = receiver {
            waker.wake();
        }
    }
}
// ANCHOR_END: senders

// ANCHOR: recv
impl<T> Receiver<T> {
    /// The next message, waiting for one if the buffer is empty; `None`
    /// once the buffer is empty and no message can come: every sender is
    /// gone, or the channel is closed and no permit is left.
    pub async fn recv(&mut self) -> Option<T> {
        poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// One poll of `recv`.
    pub fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut state = self.shared.state.lock().unwrap();
        if let Some(message) = state.buffer.pop_front() {
            let sender = state.slot_freed();
            drop(state);
            if let Some(waker) = sender {
                waker.wake();
            }
            return Poll::Ready(Some(message));
        }
        if state.senders == 0 || (state.closed && state.reserved == 0) {
            return Poll::Ready(None);
        }
        // Checked and registered under one lock: a sender that pushes after
        // this line finds the waker, so no wake-up is lost.
        let old = match &state.receiver {
            Some(waker) if waker.will_wake(cx.waker()) => None,
            _ => state.receiver.replace(cx.waker().clone()),
        };
        drop(state);
        drop(old);
        Poll::Pending
    }
}
// ANCHOR_END: recv

// ANCHOR: close
impl<T> Receiver<T> {
    /// Closes the channel from the receiving side: every `send` and
    /// `reserve` from now on fails, and so do those waiting in line, which
    /// are woken. Messages already buffered, and those of permits already
    /// given out, can still be received.
    pub fn close(&mut self) {
        let mut state = self.shared.state.lock().unwrap();
        state.closed = true;
        state.reserved -= state.handed.len(); // handed, not yet taken: void
        state.handed.clear();
        let waiting = mem::take(&mut state.waiting);
        drop(state);
        for sender in waiting {
            sender.waker.wake();
        }
    }
}

impl<T> Drop for Receiver<T> {
    /// Closes the channel, and drops the messages nobody will receive.
    fn drop(&mut self) {
        self.close();
        let mut state = self.shared.state.lock().unwrap();
        state.receiver_gone = true;
        let unread = mem::take(&mut state.buffer);
        drop(state);
        drop(unread); // a message's drop may run any code: not under our lock
    }
}
// ANCHOR_END: close

/// What the channel holds and who waits, for tests and traces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// Messages in the buffer.
    pub buffered: usize,
    /// Slots held by permits or handed to waiting senders.
    pub reserved: usize,
    /// Tickets of the senders in line, oldest first.
    pub waiting: Vec<u64>,
    /// Tickets of the senders handed a slot, not yet polled.
    pub handed: Vec<u64>,
    /// Whether the receiver's waker is stored.
    pub receiver_waits: bool,
    /// Live senders.
    pub senders: usize,
    /// Closed by the receiver.
    pub closed: bool,
}

impl<T> Receiver<T> {
    /// What the channel holds and who waits right now.
    pub fn snapshot(&self) -> Snapshot {
        let state = self.shared.state.lock().unwrap();
        Snapshot {
            buffered: state.buffer.len(),
            reserved: state.reserved,
            waiting: state.waiting.iter().map(|waiting| waiting.ticket).collect(),
            handed: state.handed.clone(),
            receiver_waits: state.receiver.is_some(),
            senders: state.senders,
            closed: state.closed,
        }
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Receiver").field(&self.snapshot()).finish()
    }
}

impl<T> fmt::Display for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the channel is closed")
    }
}

impl<T: fmt::Debug> std::error::Error for SendError<T> {}
