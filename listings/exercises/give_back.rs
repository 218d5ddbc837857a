// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/give_back.rs.
//! The exercise of chapter 6 and its solution (shown in the appendix): a
//! oneshot whose `send` gives the value back when nobody will read it, as
//! Tokio's does, built around `listings::oneshot`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Weak};
use std::task::{Context, Poll};

use listings::oneshot::{self, Canceled};

/// A oneshot channel like `listings::oneshot::channel`, whose sender can
/// tell that the receiver is gone.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    todo!()
}

impl<T> Sender<T> {
    /// Sends `value`, or gives it back in `Err` if the receiver is gone.
    pub fn send(self, value: T) -> Result<(), T> {
        todo!()
    }
}

/// Your types. These placeholders only let the starter compile: give them
/// what they need, and write `poll`.
pub struct Sender<T>(oneshot::Sender<T>);

pub struct Receiver<T>(oneshot::Receiver<T>);

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
