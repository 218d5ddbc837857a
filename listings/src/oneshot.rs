//! A channel that carries one value from one sender to one receiver, built
//! from the standard library alone. The receiver is a future.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: state
/// What the two halves share.
struct Inner<T> {
    /// The value, between `send` and the receiver's poll that takes it.
    value: Option<T>,
    /// Who to wake when the value arrives: the waker of the receiver's last poll.
    waker: Option<Waker>,
    /// The sender is finished: it sent its value, or it is gone without one.
    closed: bool,
}

pub struct Sender<T> {
    inner: Arc<Mutex<Inner<T>>>,
}

pub struct Receiver<T> {
    inner: Arc<Mutex<Inner<T>>>,
    /// Set once `poll` has returned `Ready`.
    finished: bool,
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let inner = Arc::new(Mutex::new(Inner { value: None, waker: None, closed: false }));
    let receiver = Receiver { inner: Arc::clone(&inner), finished: false };
    (Sender { inner }, receiver)
}
// ANCHOR_END: state

// ANCHOR: send
impl<T> Sender<T> {
    /// Sends `value`. It takes `self`: a oneshot sender sends once.
    pub fn send(self, value: T) {
        self.close(Some(value));
    }

    /// Marks the sender finished, leaving `value` (if any) for the receiver,
    /// and wakes the receiver if it is waiting.
    fn close(&self, value: Option<T>) {
        let waker = {
            let mut inner = self.inner.lock().unwrap();
            if inner.closed {
                return;
            }
            inner.value = value;
            inner.closed = true;
            inner.waker.take()
        };
        // Wake after unlocking. A waker may poll the receiver at once, even
        // on this very thread, and that poll takes the lock, which a thread
        // cannot take twice: waking under the lock could deadlock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}
// ANCHOR_END: send

// ANCHOR: receive
/// The sender was dropped without sending.
#[derive(Debug, PartialEq, Eq)]
pub struct Canceled;

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        assert!(!self.finished, "oneshot::Receiver polled after it returned Ready");
        let mut inner = self.inner.lock().unwrap();
        let answer = match inner.value.take() {
            Some(value) => Ok(value),
            None if inner.closed => Err(Canceled),
            None => {
                // Not yet. Keep the waker of *this* poll: the receiver may
                // have moved to another task since the last one.
                inner.waker = Some(cx.waker().clone());
                return Poll::Pending;
            }
        };
        drop(inner);
        self.finished = true;
        Poll::Ready(answer)
    }
}
// ANCHOR_END: receive

// ANCHOR: drop
impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        // After `send` this does nothing: the sender is already closed.
        self.close(None);
    }
}
// ANCHOR_END: drop

impl fmt::Display for Canceled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the sender was dropped without sending")
    }
}

impl std::error::Error for Canceled {}
