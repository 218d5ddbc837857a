//! Lines off the socket, with a limit on their length. A `Decoder` keeps
//! what it has read so far in the `FramedRead`'s buffer, so a `select!`
//! that drops `next()` halfway loses no bytes (chapter 25).

use std::io;

use tokio_util::bytes::{Buf, BytesMut};
use tokio_util::codec::Decoder;

// ANCHOR: line
/// One line as the connection sees it. Bad input is a kind of line, not an
/// error: the connection answers it and reads on.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Longer than the limit; its bytes were thrown away up to its `\n`.
    TooLong,
    NotUtf8,
    /// The client closed the connection halfway through a line.
    Unfinished,
}
// ANCHOR_END: line

// ANCHOR: codec
/// Splits bytes at `\n` (a `\r` before it is dropped), at most `max` bytes
/// a line.
pub struct LineCodec {
    max: usize,
    /// Inside a line that was too long: skip to its end.
    discarding: bool,
}

impl LineCodec {
    pub fn new(max: usize) -> LineCodec {
        LineCodec { max, discarding: false }
    }
}

impl Decoder for LineCodec {
    type Item = Line;
    type Error = io::Error;

    fn decode(&mut self, buffer: &mut BytesMut) -> io::Result<Option<Line>> {
        loop {
            let newline = buffer.iter().position(|&byte| byte == b'\n');
            if self.discarding {
                match newline {
                    Some(end) => {
                        buffer.advance(end + 1);
                        self.discarding = false;
                        return Ok(Some(Line::TooLong));
                    }
                    None => {
                        buffer.clear();
                        return Ok(None);
                    }
                }
            }
            match newline {
                Some(end) if end <= self.max => {
                    let line = buffer.split_to(end + 1);
                    return Ok(Some(text(&line[..end])));
                }
                None if buffer.len() <= self.max => return Ok(None),
                // No end within `max` bytes: skip the rest of this line.
                _ => self.discarding = true,
            }
        }
    }

    fn decode_eof(&mut self, buffer: &mut BytesMut) -> io::Result<Option<Line>> {
        if let Some(line) = self.decode(buffer)? {
            return Ok(Some(line));
        }
        if buffer.is_empty() && !self.discarding {
            return Ok(None);
        }
        buffer.clear();
        self.discarding = false;
        Ok(Some(Line::Unfinished))
    }
}

fn text(bytes: &[u8]) -> Line {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Line::Text(text.to_string()),
        Err(_) => Line::NotUtf8,
    }
}
// ANCHOR_END: codec
