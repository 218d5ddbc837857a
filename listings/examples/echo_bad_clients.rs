//! Listing 32-13: what the Tokio echo server does with a client that resets,
//! one that sends nothing, and a second bind of its port.

use std::io::{self, Read};
use std::net::{Shutdown, SocketAddr};
use std::time::Duration;

use listings::engine::echo::on_tokio;
use listings::engine::echo_clients;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let loopback: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let (server, mut control) = on_tokio::bind(loopback).await?;
    let addr = server.local_addr()?;
    let second = on_tokio::bind(addr).await;
    println!("a second bind of the port: {:?}", second.err().map(|e| e.kind()));
    let serving = tokio::spawn(server.run());

    let reset = move || echo_clients::reset_after_echo(addr, b"half a request");
    tokio::task::spawn_blocking(reset).await??;
    control.ended(1).await;

    let closes = echo_clients::connect(addr)?;
    closes.shutdown(Shutdown::Write)?; // sends nothing, then EOF
    control.ended(2).await;

    let silent = echo_clients::connect(addr)?; // sends nothing, ever
    control.started(3).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    control.stop();
    let report = serving.await?;
    println!("server: {report}");
    println!("failed with: {:?}", report.failed);
    let eof = |mut client: std::net::TcpStream| client.read(&mut [0; 8]);
    let (closes, silent) =
        tokio::task::spawn_blocking(move || (eof(closes), eof(silent))).await?;
    println!("the clients read: {} and {} bytes (EOF)", closes?, silent?);
    Ok(())
}
// ANCHOR_END: main
