//! The exercise of chapter 6 and its solution (shown in the appendix): a
//! oneshot whose `send` gives the value back when nobody will read it, as
//! Tokio's does, built around `listings::oneshot`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Weak};
use std::task::{Context, Poll};

use listings::oneshot::{self, Canceled};

// ANCHOR: solution
// ANCHOR: exercise
/// A oneshot channel like `listings::oneshot::channel`, whose sender can
/// tell that the receiver is gone.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    let (sender, receiver) = oneshot::channel();
    let alive = Arc::new(());
    let sender = Sender { inner: sender, receiver_alive: Arc::downgrade(&alive) };
    (sender, Receiver { inner: receiver, _alive: alive })
    // ANCHOR_END: todo
    // ANCHOR: exercise
}

impl<T> Sender<T> {
    /// Sends `value`, or gives it back in `Err` if the receiver is gone.
    pub fn send(self, value: T) -> Result<(), T> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        if self.receiver_alive.strong_count() == 0 {
            return Err(value);
        }
        self.inner.send(value);
        Ok(())
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise

// ANCHOR: cut

/// The sending half: our oneshot's sender, and a way to see the receiver.
pub struct Sender<T> {
    inner: oneshot::Sender<T>,
    /// Dead once the receiver, which holds the only `Arc`, is dropped.
    receiver_alive: Weak<()>,
}

/// The receiving half: our oneshot's receiver, and the token it holds
/// while it lives.
pub struct Receiver<T> {
    inner: oneshot::Receiver<T>,
    _alive: Arc<()>,
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.inner).poll(cx)
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your types. These placeholders only let the starter compile: give them
// /// what they need, and write `poll`.
// pub struct Sender<T>(oneshot::Sender<T>);
//
// pub struct Receiver<T>(oneshot::Receiver<T>);
//
// impl<T> Future for Receiver<T> {
//     type Output = Result<T, Canceled>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
