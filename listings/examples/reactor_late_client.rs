//! Listing 28-29: a client that waits 200 ms before it sends, and what the
//! wait costs the runtime: a constant number of polls and parks.

use std::io::{self, Write};
use std::thread;
use std::time::{Duration, Instant};

use listings::engine::net::TcpStream;
use listings::engine::readiness::{EVENT_LIMIT, loopback_pair};
use listings::engine::runtime::{Counts, Runtime};

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (mut client, server) = loopback_pair()?;
    let server = TcpStream::from_std(server, &handle)?;

    let loop_handle = handle.clone();
    let client_thread = thread::spawn(move || -> io::Result<()> {
        // Once the loop blocks in its second park, wait, then send.
        loop_handle.wait_until_parked(2, EVENT_LIMIT)?;
        thread::sleep(Duration::from_millis(200));
        client.write_all(b"hello")
    });

    handle.spawn(async move {
        let started = Instant::now();
        let mut buf = [0u8; 16];
        let n = server.read(&mut buf).await.expect("the read failed");
        let text = String::from_utf8_lossy(&buf[..n]);
        let waited = started.elapsed() >= Duration::from_millis(200);
        println!("read {text:?}, at least 200 ms after the first poll: {waited}");
    });
    let counts = runtime.run();
    client_thread.join().unwrap()?;
    let Counts { polls, parks, events, .. } = counts;
    println!("task polls: {polls}, loop parks: {parks}, socket events: {events}");
    Ok(())
}
// ANCHOR_END: main
