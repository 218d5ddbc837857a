//! The exercise of chapter 27 (Listing 27-9): `send_all`. These tests pass
//! on the book's solution, `listings/src/engine/send_all.rs`; on the
//! starter, `listings/exercises/engine/send_all.rs`, run with
//! `cargo test -p listings --features starter --test exercise_send_all`,
//! they fail until you have written it. Every socket is on 127.0.0.1.

mod common;

use std::io::{self, Read, Write};
use std::net::TcpStream as StdStream;
use std::thread;
use std::time::Duration;

use common::within_limit;
use listings::engine::readiness::loopback_pair;
use listings::engine::send_all::send_all;
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

const SOCKET: Token = Token(0);

/// A non-blocking client end registered for WRITABLE, and the server's
/// blocking end.
fn writable_pair() -> (Poll, TcpStream, StdStream) {
    let (client, server) = loopback_pair().unwrap();
    client.set_nonblocking(true).unwrap();
    let mut client = TcpStream::from_std(client);
    let poll = Poll::new().unwrap();
    poll.registry().register(&mut client, SOCKET, Interest::WRITABLE).unwrap();
    (poll, client, server)
}

/// Fills the socket's buffers until a write says `WouldBlock`; returns
/// what it wrote.
fn fill_until_would_block(socket: &mut TcpStream) -> Vec<u8> {
    let mut written = Vec::new();
    let chunk = [b'.'; 65536];
    loop {
        match socket.write(&chunk) {
            Ok(n) => written.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return written,
            Err(e) => panic!("filling the socket: {e}"),
        }
    }
}

/// 16 MB that are not all the same byte, so that a reordering would show.
fn payload() -> Vec<u8> {
    (0..16 << 20).map(|i: u32| (i % 251) as u8).collect()
}

#[test]
fn every_byte_arrives_in_order_though_the_socket_was_full() {
    let (expected, received) = within_limit("sending 16 MB", || {
        let (mut poll, mut client, mut server) = writable_pair();
        let mut events = Events::with_capacity(16);
        // Full before the first call: its first write says WouldBlock.
        let mut expected = fill_until_would_block(&mut client);
        let payload = payload();
        expected.extend_from_slice(&payload);
        let reader = thread::spawn(move || {
            thread::sleep(Duration::from_millis(50)); // a slow reader
            let mut received = Vec::new();
            server.read_to_end(&mut received).unwrap();
            received
        });
        send_all(&mut poll, &mut events, &mut client, SOCKET, &payload).unwrap();
        drop(client); // the reader's read_to_end ends at the close
        (expected, reader.join().unwrap())
    });
    assert_eq!(received.len(), expected.len(), "bytes were lost or doubled");
    assert!(received == expected, "the bytes arrived out of order");
}

#[test]
fn a_short_message_is_sent_whole() {
    let received = within_limit("sending ping", || {
        let (mut poll, mut client, mut server) = writable_pair();
        let mut events = Events::with_capacity(16);
        send_all(&mut poll, &mut events, &mut client, SOCKET, b"ping").unwrap();
        drop(client);
        let mut received = Vec::new();
        server.read_to_end(&mut received).unwrap();
        received
    });
    assert_eq!(received, b"ping");
}

#[test]
fn a_peer_that_is_gone_is_an_error_not_a_hang() {
    let result = within_limit("sending to a closed peer", || {
        let (mut poll, mut client, server) = writable_pair();
        let mut events = Events::with_capacity(16);
        drop(server);
        send_all(&mut poll, &mut events, &mut client, SOCKET, &payload())
    });
    let error = result.expect_err("16 MB cannot all be sent to a closed socket");
    assert!(
        matches!(
            error.kind(),
            io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
        ),
        "expected the peer's close, got {error:?}"
    );
}

/// A writer that takes nothing: `write` returns `Ok(0)`.
struct Full;

impl Write for Full {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Ok(0)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_takes_nothing_is_write_zero() {
    let kind = within_limit("a writer that takes nothing", || {
        let mut poll = Poll::new().unwrap();
        let mut events = Events::with_capacity(16);
        send_all(&mut poll, &mut events, &mut Full, SOCKET, b"ping")
            .map_err(|e| e.kind())
    });
    assert_eq!(kind, Err(io::ErrorKind::WriteZero));
}
