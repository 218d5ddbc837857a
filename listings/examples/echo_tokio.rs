//! Listing 32-11: the echo server on Tokio, a hundred clients, and a clean
//! shutdown.

use std::io;
use std::net::{SocketAddr, TcpStream};

use listings::engine::echo::on_tokio;
use listings::engine::echo_clients::{self, CLIENTS};
use listings::engine::readiness::EVENT_LIMIT;

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    let loopback: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let (server, control) = on_tokio::bind(loopback).await?;
    let addr = server.local_addr()?;
    let serving = tokio::spawn(server.run());

    let clients = move || echo_clients::run(addr, CLIENTS);
    let summary = tokio::task::spawn_blocking(clients).await??;
    println!("clients: {summary}");

    control.stop();
    let report = serving.await?;
    println!("server:  {report}");
    let again = TcpStream::connect_timeout(&addr, EVENT_LIMIT);
    println!("a new connect after shutdown: {:?}", again.unwrap_err().kind());
    Ok(())
}
// ANCHOR_END: main
