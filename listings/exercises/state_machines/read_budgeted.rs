// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/read_budgeted.rs.
//! The exercise of chapter 20 and its solution (shown in the appendix):
//! `read_budgeted`, the read arm of `FetchInline` as a future of its own,
//! with a budget of reads per poll.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, ReadBuf};

/// Reads `reader` to its end, in reads of at most 1 KiB, and is ready with
/// every byte. No poll makes more than `budget` reads (a budget of 0 counts
/// as 1): when a poll has spent its budget, it wakes its own waker and
/// returns `Pending`, so the executor can run another task first.
pub fn read_budgeted<R: AsyncRead + Unpin>(
    reader: R,
    budget: usize,
) -> ReadBudgeted<R> {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll`.
pub struct ReadBudgeted<R>(R);

impl<R: AsyncRead + Unpin> Future for ReadBudgeted<R> {
    type Output = io::Result<Vec<u8>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
