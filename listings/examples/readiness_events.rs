//! Listings 27-2 and 27-4: mio's Poll tells you when to try again.

use std::io::{self, Write};
use std::net::TcpStream;

use listings::engine::readiness::{drain, wait_for};
use mio::net::TcpListener;
use mio::{Events, Interest, Poll, Token};

// ANCHOR: register
const LISTENER: Token = Token(0);
const CONNECTION: Token = Token(1);

fn main() -> io::Result<()> {
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(16);

    let mut listener = TcpListener::bind("127.0.0.1:0".parse().unwrap())?;
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut client = TcpStream::connect(listener.local_addr()?)?;

    wait_for(&mut poll, &mut events, LISTENER)?;
    let (mut connection, _) = listener.accept()?;
    println!("{LISTENER:?} readable: accepted a connection");
    poll.registry().register(&mut connection, CONNECTION, Interest::READABLE)?;
    // ANCHOR_END: register

    // ANCHOR: read
    client.write_all(b"ping")?;
    let mut received = Vec::new();
    while received.len() < 4 {
        wait_for(&mut poll, &mut events, CONNECTION)?;
        let (bytes, _closed) = drain(&mut connection)?;
        received.extend(bytes);
    }
    println!(
        "{CONNECTION:?} readable: read {:?}, then WouldBlock",
        String::from_utf8_lossy(&received)
    );

    drop(client);
    loop {
        wait_for(&mut poll, &mut events, CONNECTION)?;
        let (bytes, closed) = drain(&mut connection)?;
        assert!(bytes.is_empty(), "the client sent nothing more");
        if closed {
            println!(
                "{CONNECTION:?} readable: a read of 0 bytes, the client has closed"
            );
            return Ok(());
        }
    }
}
// ANCHOR_END: read
