//! Chapter 27's claims about readiness, each shown at once: no test waits
//! for something that should not happen.

use std::io::{self, Read, Write};
use std::time::Duration;

use futures::FutureExt;
use listings::engine::readiness::{drain, loopback_pair, wait_for, wait_within};
use mio::{Events, Interest, Poll, Token};

const CONNECTION: Token = Token(7);

/// The server's end of a loopback pair as a mio stream registered for reads.
fn registered() -> io::Result<(std::net::TcpStream, mio::net::TcpStream, Poll, Events)>
{
    let (client, server) = loopback_pair()?;
    server.set_nonblocking(true)?;
    let mut connection = mio::net::TcpStream::from_std(server);
    let poll = Poll::new()?;
    poll.registry().register(&mut connection, CONNECTION, Interest::READABLE)?;
    Ok((client, connection, poll, Events::with_capacity(8)))
}

/// Polls without waiting and counts the events for CONNECTION.
fn pending_events(poll: &mut Poll, events: &mut Events) -> usize {
    poll.poll(events, Some(Duration::ZERO)).unwrap();
    events.iter().filter(|e| e.token() == CONNECTION).count()
}

#[test]
fn a_silent_socket_answers_would_block_instead_of_waiting() {
    let (_client, mut server) = loopback_pair().unwrap();
    server.set_nonblocking(true).unwrap();
    let error = server.read(&mut [0u8; 8]).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::WouldBlock);
}

/// The hang of a reader that reads once per event: after its first read,
/// no event is pending, and none will come, since the client sends nothing
/// more until it gets an answer. Yet the bytes it waits for are there.
#[test]
fn bytes_left_unread_raise_no_second_event() {
    let (mut client, mut connection, mut poll, mut events) = registered().unwrap();
    client.write_all(b"abcdefgh").unwrap();
    wait_for(&mut poll, &mut events, CONNECTION).unwrap();
    let mut half = [0u8; 4];
    connection.read_exact(&mut half).unwrap();

    assert_eq!(pending_events(&mut poll, &mut events), 0, "a second event came");
    assert_eq!(pending_events(&mut poll, &mut events), 0, "a second event came later");
    let (rest, closed) = drain(&mut connection).unwrap();
    assert_eq!(
        (rest.as_slice(), closed),
        (&b"efgh"[..], false),
        "the bytes were there all along"
    );
}

#[test]
fn after_draining_to_would_block_new_bytes_raise_a_new_event() {
    let (mut client, mut connection, mut poll, mut events) = registered().unwrap();
    client.write_all(b"first").unwrap();
    wait_for(&mut poll, &mut events, CONNECTION).unwrap();
    assert_eq!(drain(&mut connection).unwrap(), (b"first".to_vec(), false));
    assert_eq!(pending_events(&mut poll, &mut events), 0);

    client.write_all(b"second").unwrap();
    wait_for(&mut poll, &mut events, CONNECTION).unwrap();
    assert_eq!(drain(&mut connection).unwrap(), (b"second".to_vec(), false));
}

#[test]
fn a_peer_that_closes_raises_an_event_and_reads_as_zero_bytes() {
    let (client, mut connection, mut poll, mut events) = registered().unwrap();
    drop(client);
    loop {
        wait_for(&mut poll, &mut events, CONNECTION).unwrap();
        let (bytes, closed) = drain(&mut connection).unwrap();
        assert!(bytes.is_empty());
        if closed {
            break;
        }
    }
}

#[test]
fn waiting_for_an_event_that_cannot_come_fails_with_a_message() {
    // Nothing is registered, so no event can ever come.
    let mut poll = Poll::new().unwrap();
    let mut events = Events::with_capacity(1);
    let error =
        wait_within(&mut poll, &mut events, CONNECTION, Duration::ZERO).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::TimedOut);
    assert_eq!(error.to_string(), "no event for Token(7) within 0ns");
}

/// Tokio's readiness stays set until an operation returns WouldBlock.
#[test]
fn tokio_keeps_readiness_until_an_operation_would_block() {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_io().build().unwrap();
    runtime.block_on(async {
        use tokio::io::AsyncWriteExt;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut client = tokio::net::TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (server, _) = listener.accept().await.unwrap();
        let mut half = [0u8; 4];

        client.write_all(b"abcdefgh").await.unwrap();
        server.readable().await.unwrap();
        assert_eq!(server.try_read(&mut half).unwrap(), 4);
        assert!(
            server.readable().now_or_never().is_some(),
            "readiness was cleared by a read that did not block"
        );
        assert_eq!(server.try_read(&mut half).unwrap(), 4);
        assert_eq!(
            server.try_read(&mut half).unwrap_err().kind(),
            io::ErrorKind::WouldBlock
        );
        assert!(
            server.readable().now_or_never().is_none(),
            "readiness survived a WouldBlock"
        );
    });
}
