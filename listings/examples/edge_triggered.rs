//! Listings 27-6 and 27-7: an edge-triggered event is spent once it has been
//! reported; bytes left unread raise no second one.

use std::io::{self, Read, Write};
use std::time::Duration;

use listings::engine::readiness::{drain, loopback_pair, wait_for};
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

const CONNECTION: Token = Token(1);

fn main() -> io::Result<()> {
    let (mut client, server) = loopback_pair()?;
    server.set_nonblocking(true)?;
    let mut connection = TcpStream::from_std(server);
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(16);
    poll.registry().register(&mut connection, CONNECTION, Interest::READABLE)?;

    // ANCHOR: once
    client.write_all(b"abcdefgh")?;
    wait_for(&mut poll, &mut events, CONNECTION)?;
    let mut half = [0u8; 4];
    connection.read_exact(&mut half)?;
    println!("event 1: read {:?}, 4 bytes left unread", String::from_utf8_lossy(&half));

    // Ask again, without waiting: is there a second event for the rest?
    poll.poll(&mut events, Some(Duration::ZERO))?;
    println!("poll again: {} events", events.iter().count());
    // ANCHOR_END: once

    // ANCHOR: drained
    let (rest, _closed) = drain(&mut connection)?;
    println!("drain: read {:?}, then WouldBlock", String::from_utf8_lossy(&rest));

    client.write_all(b"ij")?;
    wait_for(&mut poll, &mut events, CONNECTION)?;
    let (next, _closed) = drain(&mut connection)?;
    println!("event 2, for new bytes: read {:?}", String::from_utf8_lossy(&next));
    Ok(())
    // ANCHOR_END: drained
}
