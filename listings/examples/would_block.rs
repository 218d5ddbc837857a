//! Listing 27-1: a non-blocking socket answers "not yet" instead of waiting.

use std::io::{self, Read, Write};

use listings::engine::readiness::loopback_pair;

// ANCHOR: main
fn main() -> io::Result<()> {
    let (mut client, mut server) = loopback_pair()?;
    server.set_nonblocking(true)?;

    let mut buffer = [0u8; 16];
    match server.read(&mut buffer) {
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
            println!("read on a silent socket: WouldBlock, at once")
        }
        other => panic!("expected WouldBlock, got {other:?}"),
    }

    client.write_all(b"ping")?;
    // Back to blocking, only to show the difference: this read waits
    // until all four bytes are there.
    server.set_nonblocking(false)?;
    server.read_exact(&mut buffer[..4])?;
    println!("blocking read: {:?}", String::from_utf8_lossy(&buffer[..4]));
    Ok(())
}
// ANCHOR_END: main
