//! The key-value server on 127.0.0.1, until Ctrl-C. Try it with
//! `nc 127.0.0.1 7878` and type `SET greeting hello`, then `GET greeting`.
//! This program is not run by the tests: it serves until stopped.

use listings::ship::config::Config;
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().with_target(false).init();
    let port = std::env::args().nth(1).unwrap_or_else(|| "7878".into());
    let server =
        Server::bind(("127.0.0.1", port.parse().unwrap()), Config::default()).await?;
    tracing::info!(addr = %server.local_addr()?, "listening");

    let shutdown = CancellationToken::new();
    let ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        tokio::signal::ctrl_c().await.expect("a Ctrl-C handler");
        ctrl_c.cancel();
    });
    let summary = server.run(Store::default(), shutdown).await;
    println!("{summary:?}");
    Ok(())
}
// ANCHOR_END: main
