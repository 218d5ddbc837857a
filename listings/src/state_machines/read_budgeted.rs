//! The exercise of chapter 20 and its solution (shown in the appendix):
//! `read_budgeted`, the read arm of `FetchInline` as a future of its own,
//! with a budget of reads per poll.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, ReadBuf};

// ANCHOR: solution
// ANCHOR: exercise
/// Reads `reader` to its end, in reads of at most 1 KiB, and is ready with
/// every byte. No poll makes more than `budget` reads (a budget of 0 counts
/// as 1): when a poll has spent its budget, it wakes its own waker and
/// returns `Pending`, so the executor can run another task first.
pub fn read_budgeted<R: AsyncRead + Unpin>(
    reader: R,
    budget: usize,
) -> ReadBudgeted<R> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    ReadBudgeted { reader, bytes: Vec::new(), budget: budget.max(1) }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The reader, the bytes so far, and the reads one poll may make.
pub struct ReadBudgeted<R> {
    reader: R,
    bytes: Vec<u8>,
    budget: usize,
}

impl<R: AsyncRead + Unpin> Future for ReadBudgeted<R> {
    type Output = io::Result<Vec<u8>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self; // every field is Unpin: no projection needed
        for _ in 0..this.budget {
            let mut chunk = [0u8; 1024];
            let mut chunk = ReadBuf::new(&mut chunk);
            ready!(Pin::new(&mut this.reader).poll_read(cx, &mut chunk))?;
            if chunk.filled().is_empty() {
                return Poll::Ready(Ok(std::mem::take(&mut this.bytes)));
            }
            this.bytes.extend_from_slice(chunk.filled());
        }
        // Budget spent: ask to be polled again, after someone else.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll`.
// pub struct ReadBudgeted<R>(R);
//
// impl<R: AsyncRead + Unpin> Future for ReadBudgeted<R> {
//     type Output = io::Result<Vec<u8>>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
