//! Listing 28-28: a listener task that accepts one connection and spawns, from
//! inside itself, a task that echoes it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::mpsc;
use std::thread;

use listings::engine::net::TcpListener;
use listings::engine::readiness::EVENT_LIMIT;
use listings::engine::runtime::Runtime;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let listener = TcpListener::bind(addr, &handle)?;
    let addr = listener.local_addr()?;

    let client = thread::spawn(move || -> io::Result<(Vec<u8>, SocketAddr)> {
        let mut socket = std::net::TcpStream::connect(addr)?;
        socket.set_read_timeout(Some(EVENT_LIMIT))?;
        socket.write_all(b"ping")?;
        socket.shutdown(Shutdown::Write)?;
        let mut echoed = Vec::new();
        socket.read_to_end(&mut echoed)?;
        Ok((echoed, socket.local_addr()?))
    });

    let (peer_tx, peer_rx) = mpsc::channel();
    let spawner = handle.clone();
    handle.spawn(async move {
        let (stream, peer) = listener.accept().await.expect("accept failed");
        peer_tx.send(peer).unwrap();
        spawner.spawn(async move {
            let mut buf = [0u8; 64];
            loop {
                let n = stream.read(&mut buf).await.expect("read failed");
                if n == 0 {
                    break; // the client closed its half
                }
                stream.write_all(&buf[..n]).await.expect("write failed");
            }
            stream.shutdown_write().expect("shutdown failed");
        });
    }); // the listener is dropped here, and deregistered

    runtime.run();
    let (echoed, client_addr) = client.join().unwrap()?;
    println!("client got back {:?}", String::from_utf8_lossy(&echoed));
    println!("accept's peer is the client: {}", peer_rx.recv().unwrap() == client_addr);
    println!("sockets still registered: {}", handle.io().registered());
    Ok(())
}
// ANCHOR_END: main
