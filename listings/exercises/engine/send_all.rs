// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/send_all.rs.
//! The exercise of chapter 27 and its solution (shown in the appendix):
//! writing a whole buffer to a non-blocking socket, waiting on mio for
//! room whenever the socket says `WouldBlock`.

use std::io::{self, Write};

use mio::{Events, Poll, Token};

use listings::engine::readiness::wait_for;

/// Writes all of `bytes` to `socket`, a non-blocking socket registered
/// with `poll` under `token` with `Interest::WRITABLE`: writes until the
/// socket says `WouldBlock`, then waits for its next event with
/// `wait_for`, and so on until every byte is written. Fails with
/// `WriteZero` if a write takes no byte, and with the socket's error if
/// the peer is gone.
pub fn send_all(
    poll: &mut Poll,
    events: &mut Events,
    socket: &mut impl Write,
    token: Token,
    bytes: &[u8],
) -> io::Result<()> {
    todo!()
}
