//! A line server on 127.0.0.1 for the client of chapters 19 to 21. It runs on
//! plain threads, outside any async runtime, so it never shares a runtime
//! (or an allocation count) with the client it serves.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::thread;

use tokio::sync::oneshot;

// ANCHOR: server
/// Listens on a free port of 127.0.0.1. For each connection it reads one
/// line, writes what `answer` makes of it, and closes the connection.
pub fn serve(answer: fn(&[u8]) -> Vec<u8>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("a bound listener has an address");
    thread::spawn(move || {
        for connection in listener.incoming() {
            let Ok(mut connection) = connection else { continue };
            thread::spawn(move || {
                let mut line = Vec::new();
                let mut reader = BufReader::new(&connection);
                if reader.read_until(b'\n', &mut line).is_ok() {
                    let _ = connection.write_all(&answer(&line));
                }
            });
        }
    });
    address
}

/// Answers a line with the same line in capitals.
pub fn shout(line: &[u8]) -> Vec<u8> {
    line.to_ascii_uppercase()
}
// ANCHOR_END: server

/// Answers with nothing at all: the server hangs up without a word.
pub fn hang_up(_line: &[u8]) -> Vec<u8> {
    Vec::new()
}

/// Answers with 4 MiB of dots, far more than one read can take in.
pub fn flood(_line: &[u8]) -> Vec<u8> {
    vec![b'.'; 4 << 20]
}

/// Accepts one connection on a free port of 127.0.0.1 and, without reading
/// anything, writes all of `response` and closes it. The receiver hears once
/// the last byte has been written and the connection closed.
pub fn write_and_close(response: Vec<u8>) -> (SocketAddr, oneshot::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("a bound listener has an address");
    let (done, written) = oneshot::channel();
    thread::spawn(move || {
        let (mut connection, _) = listener.accept().expect("one connection");
        connection.write_all(&response).expect("write the whole response");
        drop(connection);
        let _ = done.send(());
    });
    (address, written)
}
