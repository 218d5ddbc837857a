//! The exercise of chapter 21 and its solution (shown in the appendix):
//! `lines`, a `Stream` written by hand, which no `async fn` can be.

use std::io;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures::Stream;
use tokio::io::{AsyncRead, ReadBuf};

// ANCHOR: solution
// ANCHOR: exercise
/// The lines of `reader`, each without its `\n`, as a stream. A last line
/// with no `\n` is a line too. After the end, or after an error (which is
/// the stream's last item), the stream yields `None` for good.
pub fn lines<R: AsyncRead + Unpin>(reader: R) -> Lines<R> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Lines { reader, buffer: Vec::new(), done: false }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The reader, the bytes read but not yet yielded, and whether it ended.
pub struct Lines<R> {
    reader: R,
    buffer: Vec<u8>,
    done: bool,
}

impl<R: AsyncRead + Unpin> Stream for Lines<R> {
    type Item = io::Result<Vec<u8>>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            // A whole line may be waiting already: yield it before reading.
            if let Some(end) = this.buffer.iter().position(|&byte| byte == b'\n') {
                let mut line: Vec<u8> = this.buffer.drain(..=end).collect();
                line.pop(); // the '\n'
                return Poll::Ready(Some(Ok(line)));
            }
            let mut chunk = [0u8; 1024];
            let mut chunk = ReadBuf::new(&mut chunk);
            let read = ready!(Pin::new(&mut this.reader).poll_read(cx, &mut chunk));
            match read {
                Ok(()) if chunk.filled().is_empty() => {
                    this.done = true;
                    if !this.buffer.is_empty() {
                        return Poll::Ready(Some(Ok(mem::take(&mut this.buffer))));
                    }
                }
                Ok(()) => this.buffer.extend_from_slice(chunk.filled()),
                Err(error) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your stream. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll_next`.
// pub struct Lines<R>(R);
//
// impl<R: AsyncRead + Unpin> Stream for Lines<R> {
//     type Item = io::Result<Vec<u8>>;
//
//     fn poll_next(
//         self: Pin<&mut Self>,
//         cx: &mut Context<'_>,
//     ) -> Poll<Option<Self::Item>> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
