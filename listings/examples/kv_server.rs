//! The key-value server on 127.0.0.1, until Ctrl-C. Try it with
//! `nc 127.0.0.1 7878` and type `SET greeting hello`, then `GET greeting`.
//! This program serves until it is stopped; no output file records it.
//! `harness/tests/serving.rs` runs it as a process, talks to it and stops
//! it with a real SIGINT.

use listings::ship::config::Config;
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().with_target(false).init();
    let port = std::env::args().nth(1).unwrap_or_else(|| "7878".into());
    // From here on, Ctrl-C (SIGINT) no longer kills the process: it is
    // delivered to `ctrl_c`, which the task below waits on.
    let mut ctrl_c = signal(SignalKind::interrupt())?;
    let server =
        Server::bind(("127.0.0.1", port.parse().unwrap()), Config::default()).await?;
    tracing::info!(addr = %server.local_addr()?, "listening");

    let shutdown = CancellationToken::new();
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        ctrl_c.recv().await;
        tracing::info!("Ctrl-C: shutting down");
        on_ctrl_c.cancel();
    });
    let summary = server.run(Store::default(), shutdown).await;
    println!("{summary:?}");
    Ok(())
}
// ANCHOR_END: main
