//! Chapter 27: non-blocking sockets, mio's readiness events, and what
//! edge-triggered readiness asks of a reader.

use std::io::{self, Read};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use mio::{Events, Poll, Token};

/// How long the chapter's programs wait for an event that must come before
/// they give up with a message. Nothing in them waits this long when it works.
pub const EVENT_LIMIT: Duration = Duration::from_secs(10);

/// A connected pair of sockets on 127.0.0.1: the client's end and the
/// server's end, both still blocking.
pub fn loopback_pair() -> io::Result<(TcpStream, TcpStream)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let client = TcpStream::connect(listener.local_addr()?)?;
    let (server, _) = listener.accept()?;
    Ok((client, server))
}

// ANCHOR: wait_for
/// Polls until an event for `token` arrives, and fails with a message if one
/// call of `poll` sees no event at all within [`EVENT_LIMIT`]. Returns how many events `poll` reported
/// for that token in its last round.
pub fn wait_for(
    poll: &mut Poll,
    events: &mut Events,
    token: Token,
) -> io::Result<usize> {
    wait_within(poll, events, token, EVENT_LIMIT)
}

/// [`wait_for`] with a limit of your choice.
pub fn wait_within(
    poll: &mut Poll,
    events: &mut Events,
    token: Token,
    limit: Duration,
) -> io::Result<usize> {
    loop {
        match poll.poll(events, Some(limit)) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue, // a signal: ask again
            other => other?,
        }
        if events.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("no event for {token:?} within {limit:?}"),
            ));
        }
        let for_token = events.iter().filter(|event| event.token() == token).count();
        if for_token > 0 {
            return Ok(for_token);
        }
    }
}
// ANCHOR_END: wait_for

// ANCHOR: drain
/// Reads everything the socket holds right now: until `WouldBlock`, or until
/// the peer closes (a read of zero bytes). Returns the bytes and whether the
/// peer closed.
pub fn drain(socket: &mut impl Read) -> io::Result<(Vec<u8>, bool)> {
    let mut received = Vec::new();
    let mut chunk = [0u8; 4];
    loop {
        match socket.read(&mut chunk) {
            Ok(0) => return Ok((received, true)),
            Ok(n) => received.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Ok((received, false));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}
// ANCHOR_END: drain
