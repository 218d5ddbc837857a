//! Listings 28-30 to 28-34: what our sockets do with a peer that resets, a
//! client that says nothing, the end of a stream, a port that is taken, and
//! an event for a socket that is gone.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use listings::engine::net::{TcpListener, TcpStream};
use listings::engine::reactor::{Ready, WakeCount};
use listings::engine::readiness::{EVENT_LIMIT, loopback_pair};
use listings::engine::runtime::{Runtime, count_polls};

fn main() -> io::Result<()> {
    reset_by_peer()?;
    silent_client()?;
    end_of_stream()?;
    port_in_use()?;
    event_for_a_dropped_socket()?;
    Ok(())
}

// ANCHOR: reset
fn reset_by_peer() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (client, server) = loopback_pair()?;
    let server = TcpStream::from_std(server, &handle)?;
    // Linger zero: closing sends a reset (RST) instead of a normal close.
    socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO))?;
    drop(client);
    handle.spawn(async move {
        let error = server.read(&mut [0u8; 8]).await.unwrap_err();
        println!("reset by peer: read failed with {:?}", error.kind());
    });
    runtime.run();
    Ok(())
}
// ANCHOR_END: reset

// ANCHOR: silent
fn silent_client() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (client, server) = loopback_pair()?;
    let server = TcpStream::from_std(server, &handle)?;
    let polls = Arc::new(AtomicUsize::new(0));

    let (seen, loop_handle) = (Arc::clone(&polls), handle.clone());
    let closer = thread::spawn(move || -> io::Result<usize> {
        loop_handle.wait_until_parked(2, EVENT_LIMIT)?;
        thread::sleep(Duration::from_millis(100)); // the client says nothing
        let polls_while_silent = seen.load(Ordering::SeqCst);
        drop(client); // then hangs up
        Ok(polls_while_silent)
    });
    handle.spawn(async move {
        let read = count_polls(server.read(&mut [0u8; 8]), &polls).await;
        println!("silent client: the read returned {read:?} once it hung up");
    });
    let counts = runtime.run();
    let polls_while_silent = closer.join().unwrap()?;
    println!(
        "silent client: polls while silent {polls_while_silent}, in all {}",
        counts.polls
    );
    println!("silent client: loop parks {}", counts.parks);
    Ok(())
}
// ANCHOR_END: silent

// ANCHOR: eof
fn end_of_stream() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (client, server) = loopback_pair()?;
    let server = TcpStream::from_std(server, &handle)?;
    drop(client);
    handle.spawn(async move {
        let mut buf = [0u8; 8];
        let first = server.read(&mut buf).await.unwrap();
        let again = server.read(&mut buf).await.unwrap();
        let empty = server.read(&mut []).await.unwrap();
        println!(
            "end of stream: read {first}, again {again}; into an empty buffer {empty}"
        );
    });
    runtime.run();
    Ok(())
}
// ANCHOR_END: eof

// ANCHOR: in_use
fn port_in_use() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let any_port: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let first = TcpListener::bind(any_port, &handle)?;
    let taken = first.local_addr()?;
    let second = TcpListener::bind(taken, &handle).map(|_| ()).unwrap_err();
    println!("port in use: bind failed with {:?}", second.kind());
    println!("port in use: sockets registered {}", handle.io().registered());
    Ok(())
}
// ANCHOR_END: in_use

// ANCHOR: stale
fn event_for_a_dropped_socket() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (_client, server) = loopback_pair()?;
    let gone = TcpStream::from_std(server, &handle)?;
    let stale_token = gone.token();
    drop(gone); // deregistered: its entry is removed

    let (_client, server) = loopback_pair()?;
    let live = TcpStream::from_std(server, &handle)?;
    let (wakes, waker) = WakeCount::new();
    let mut cx = std::task::Context::from_waker(&waker);
    assert!(live.poll_read(&mut cx, &mut [0u8; 8]).is_pending()); // waker stored

    let stale = handle.io().dispatch(stale_token, Ready::READABLE);
    let fresh = handle.io().dispatch(live.token(), Ready::READABLE);
    println!(
        "stale token: dispatch {stale:?}; the live socket's {fresh:?}, woken {}",
        wakes.get()
    );
    Ok(())
}
// ANCHOR_END: stale
