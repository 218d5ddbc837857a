//! Chapter 39: a client that sends requests and never reads the replies.
//! The reply queue fills, the server stops reading that client, and the
//! connection ends, by the request timeout or at the shutdown deadline.

mod running;

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, ErrorKind, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use listings::engine::echo_clients::connect;
use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::wrappers::Counted;
use running::{LIMIT, SHORT, patient, start};

/// 8,192 requests of 8 bytes, each asking for a 1 KiB reply.
fn requests() -> Vec<u8> {
    b"GET big\n".repeat(8192)
}

/// Connects with 16 KiB socket buffers, stores a 1,000-byte value under
/// `big`, and reads that one reply.
fn pipeliner(addr: SocketAddr) -> io::Result<TcpStream> {
    let mut stream = connect(addr)?;
    stream.write_all(format!("SET big {}\n", "x".repeat(1000)).as_bytes())?;
    let mut ok = String::new();
    BufReader::new(&stream).read_line(&mut ok)?;
    assert_eq!(ok, "OK\n");
    Ok(stream)
}

/// How a pipelining client's writing went.
struct Pushed {
    /// Requests whose bytes the kernel took in full.
    written: usize,
    /// How the writing stopped.
    stopped: io::ErrorKind,
}

/// Writes requests and never reads, until a write fails, or (with
/// `until_stalled`) until one makes no progress for `stall`.
fn push(stream: &mut TcpStream, stall: Duration, until_stalled: bool) -> Pushed {
    stream.set_write_timeout(Some(stall)).unwrap();
    let (chunk, start) = (requests(), Instant::now());
    let mut written = 0;
    loop {
        assert!(start.elapsed() < LIMIT, "still writing after {LIMIT:?}");
        match stream.write_all(&chunk) {
            Ok(()) => written += chunk.len() / 8,
            Err(error) => {
                let stalled =
                    matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
                if !stalled || until_stalled {
                    return Pushed { written, stopped: error.kind() };
                }
            }
        }
    }
}

#[test]
fn a_client_that_never_reads_stops_being_read_and_is_dropped_at_the_deadline() {
    // Every limit long but the shutdown deadline: nothing gives up on the
    // client until the shutdown.
    let counted = Counted::default();
    let config = Config { shutdown_deadline: SHORT, ..patient() };
    let server = start(config, counted.clone());
    let mut stream = pipeliner(server.addr).unwrap();
    let pushed = push(&mut stream, Duration::from_millis(100), true);
    assert!(
        matches!(pushed.stopped, ErrorKind::WouldBlock | ErrorKind::TimedOut),
        "{:?}",
        pushed.stopped
    );
    let calls = counted.calls.load(Ordering::SeqCst) - 1; // the SET
    assert!(
        calls < pushed.written,
        "the server read all {} requests, but should have stopped ({calls})",
        pushed.written
    );

    // Meanwhile the other clients are served as ever.
    let mut other = Client::connect(server.addr).unwrap();
    assert_eq!(other.request("PING").unwrap().as_deref(), Some("PONG"));
    assert_eq!(other.request("QUIT").unwrap().as_deref(), Some("BYE"));
    drop(other);

    // Its connection waits to queue a reply, where no shutdown reaches it:
    // the deadline drops it.
    let summary = server.stop().unwrap();
    assert_eq!(summary.dropped, 1, "{summary:?}");
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Quit, 1)]));
}

#[test]
fn a_client_that_never_reads_is_ended_as_a_slow_client() {
    let counted = Counted::default();
    let config = Config { request_timeout: SHORT, ..patient() };
    let server = start(config, counted.clone());
    let mut stream = pipeliner(server.addr).unwrap();
    // The writes go on until the server gives up on the client and closes
    // the connection, with unread requests in it: a reset.
    let pushed = push(&mut stream, LIMIT, false);
    assert!(
        matches!(pushed.stopped, ErrorKind::ConnectionReset | ErrorKind::BrokenPipe),
        "{:?}",
        pushed.stopped
    );
    let calls = counted.calls.load(Ordering::SeqCst) - 1;
    assert!(calls < pushed.written, "{calls} of {} requests read", pushed.written);
    drop(stream);
    let summary = server.stop().unwrap();
    assert_eq!(summary.endings, BTreeMap::from([(Ending::SlowClient, 1)]));
    assert_eq!(summary.dropped, 0);
}
