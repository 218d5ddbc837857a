//! The server's logs for two clients under a limit of one connection: the
//! first is served, the second is told `ERR busy`, and every log line says
//! which connection it belongs to. Each step waits for a reply, so the lines
//! come in the same order on every run.

use std::io;

use listings::ship::config::Config;
use listings::ship::scripted::{Scripted, log_to_stdout, stop_logging};
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    log_to_stdout();
    let config = Config { max_connections: 1, ..Config::default() };
    let server = Server::bind("127.0.0.1:0", config).await?;
    let addr = server.local_addr()?;
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(server.run(Store::default(), shutdown.clone()));

    let mut first = Scripted::connect(addr).await?;
    println!("first: {}", first.ask("SET greeting hello").await?);

    let mut second = Scripted::connect(addr).await?;
    println!("second, before it asks anything: {}", second.read().await?);
    println!("second, then: {}", second.read().await?);
    drop(second);

    println!("first: {}", first.ask("GET greeting").await?);
    // What the server logs after this races with the end of the program.
    stop_logging();
    println!("first: {}", first.ask("QUIT").await?);
    drop(first);

    shutdown.cancel();
    println!("{:?}", running.await?);
    Ok(())
}
// ANCHOR_END: main
