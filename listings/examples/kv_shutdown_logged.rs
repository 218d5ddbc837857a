//! A shutdown, with the server's logs: one connection has a request in
//! flight, which is answered before `BYE`; the other is told `BYE` but
//! never closes, and is dropped at the deadline.

use std::io;
use std::time::Duration;

use listings::ship::config::Config;
use listings::ship::scripted::{Scripted, log_to_stdout};
use listings::ship::server::Server;
use listings::ship::wrappers::Held;
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    log_to_stdout();
    let config =
        Config { shutdown_deadline: Duration::from_secs(1), ..Config::default() };
    let server = Server::bind("127.0.0.1:0", config).await?;
    let addr = server.local_addr()?;
    let (held, mut arrivals) = Held::new();
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(server.run(held.clone(), shutdown.clone()));

    let mut stays = Scripted::connect(addr).await?;
    println!("stays: PING -> {}", stays.ask("PING").await?);
    let mut busy = Scripted::connect(addr).await?;
    busy.send_bytes(b"SET held 1\n").await?;
    arrivals.recv().await;
    println!("busy: sent SET held 1, and the handler holds it");

    println!("-- shutdown --");
    shutdown.cancel();
    held.release.add_permits(1);
    println!("busy: <- {}", busy.read().await?);
    println!("busy: <- {}", busy.read().await?);
    drop(busy);
    println!("stays: <- {}, and keeps its connection open", stays.read().await?);

    let summary = running.await?;
    println!("{summary:?}");
    let late = TcpStream::connect(addr).await.map_err(|error| error.kind());
    println!("a new client: {:?}", late.map(|_| "connected"));
    println!("the store: {:?}", held.store.snapshot());
    Ok(())
}
// ANCHOR_END: main
