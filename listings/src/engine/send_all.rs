//! The exercise of chapter 27 and its solution (shown in the appendix):
//! writing a whole buffer to a non-blocking socket, waiting on mio for
//! room whenever the socket says `WouldBlock`.

use std::io::{self, Write};

use mio::{Events, Poll, Token};

use listings::engine::readiness::wait_for;

// ANCHOR: solution
// ANCHOR: exercise
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
    // ANCHOR_END: exercise
    // ANCHOR: todo
    let mut rest = bytes;
    while !rest.is_empty() {
        match socket.write(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => rest = &rest[written..],
            // The socket's buffer is full: it is empty of room now, so the
            // next room it gets is an edge that mio reports.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                wait_for(poll, events, token)?;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
    // ANCHOR_END: todo
}
// ANCHOR_END: solution
