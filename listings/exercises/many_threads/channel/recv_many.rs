// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/many_threads/channel/recv_many.rs.
//! The exercise of chapter 35 and its solution (shown in the appendix):
//! `recv_many`, one wait for a batch of messages, on the channel's public
//! `poll_recv`.

use std::future::poll_fn;
use std::task::{Context, Poll, Waker, ready};

use listings::many_threads::channel::Receiver;

/// Waits for a message, then takes it and every message already buffered
/// behind it, up to `limit` in all, and appends them to `into`, oldest
/// first. Returns how many it took: 0 only when `limit` is 0 (at once) or
/// when `recv` would return `None`. Once it has returned, no waker of its
/// caller's is left registered with the channel.
pub async fn recv_many<T>(
    receiver: &mut Receiver<T>,
    into: &mut Vec<T>,
    limit: usize,
) -> usize {
    todo!()
}
