// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/in_depth/line_reader.rs.
//! The exercise of chapter 25 and its solution (shown in the appendix): a
//! reader of text lines whose `next_line` can lose a `select!` race, or be
//! dropped, without losing a byte.

use std::io::{self, ErrorKind};

use tokio::io::{AsyncRead, AsyncReadExt};

/// Your reader. This placeholder only lets the starter compile: give it
/// the fields it needs.
pub struct LineReader<R>(R);

impl<R: AsyncRead + Unpin> LineReader<R> {
    pub fn new(wire: R) -> LineReader<R> {
        todo!()
    }

    /// The next line, without its `\n`; `None` once the wire closes
    /// between two lines. An error if it closes in the middle of a line
    /// (`UnexpectedEof`) or a line is not UTF-8 (`InvalidData`).
    /// Cancellation-safe: dropped before it is ready, it has taken nothing
    /// that the next call will not return.
    pub async fn next_line(&mut self) -> io::Result<Option<String>> {
        todo!()
    }
}
