// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/lines.rs.
//! The exercise of chapter 21 and its solution (shown in the appendix):
//! `lines`, a `Stream` written by hand, which no `async fn` can be.

use std::io;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use tokio::io::{AsyncRead, ReadBuf};

/// The lines of `reader`, each without its `\n`, as a stream. A last line
/// with no `\n` is a line too. After the end, or after an error (which is
/// the stream's last item), the stream yields `None` for good.
pub fn lines<R: AsyncRead + Unpin>(reader: R) -> Lines<R> {
    todo!()
}

/// Your stream. This placeholder only lets the starter compile: give it
/// the fields it needs, and write `poll_next`.
pub struct Lines<R>(R);

impl<R: AsyncRead + Unpin> Stream for Lines<R> {
    type Item = io::Result<Vec<u8>>;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Self::Item>> {
        todo!()
    }
}
