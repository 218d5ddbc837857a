//! The exercise of chapter 25 and its solution (shown in the appendix): a
//! reader of text lines whose `next_line` can lose a `select!` race, or be
//! dropped, without losing a byte.

use std::io::{self, ErrorKind};

use tokio::io::{AsyncRead, AsyncReadExt};

// ANCHOR: solution
// ANCHOR: cut
/// A wire read one `\n`-terminated line at a time.
pub struct LineReader<R> {
    wire: R,
    /// Bytes read from the wire but not yet returned in a line.
    pending: Vec<u8>,
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your reader. This placeholder only lets the starter compile: give it
// /// the fields it needs.
// pub struct LineReader<R>(R);
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl<R: AsyncRead + Unpin> LineReader<R> {
    pub fn new(wire: R) -> LineReader<R> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        LineReader { wire, pending: Vec::new() }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// The next line, without its `\n`; `None` once the wire closes
    /// between two lines. An error if it closes in the middle of a line
    /// (`UnexpectedEof`) or a line is not UTF-8 (`InvalidData`).
    /// Cancellation-safe: dropped before it is ready, it has taken nothing
    /// that the next call will not return.
    pub async fn next_line(&mut self) -> io::Result<Option<String>> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        loop {
            if let Some(end) = self.pending.iter().position(|&byte| byte == b'\n') {
                let line: Vec<u8> = self.pending.drain(..=end).take(end).collect();
                return String::from_utf8(line)
                    .map(Some)
                    .map_err(|error| io::Error::new(ErrorKind::InvalidData, error));
            }
            // The only await, and `read` is cancel-safe: dropped while it
            // waits, it has taken no bytes from the wire.
            let mut chunk = [0; 64];
            let read = self.wire.read(&mut chunk).await?;
            if read == 0 {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                return Err(ErrorKind::UnexpectedEof.into());
            }
            self.pending.extend_from_slice(&chunk[..read]);
        }
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution
