//! The server until Ctrl-C, with a client: this program sends the SIGINT
//! to itself (with `kill`, as a terminal does for Ctrl-C), and shuts down.

use std::io;
use std::process::Command;

use listings::ship::config::Config;
use listings::ship::ctrl_c::cancel_on_ctrl_c;
use listings::ship::scripted::{Scripted, log_to_stdout};
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    log_to_stdout();
    let server = Server::bind("127.0.0.1:0", Config::default()).await?;
    let addr = server.local_addr()?;
    let shutdown = CancellationToken::new();
    let mut on_ctrl_c = Box::pin(cancel_on_ctrl_c(shutdown.clone()));
    // Poll it once, so the handler is in place before the signal is sent.
    assert!(futures::poll!(&mut on_ctrl_c).is_pending());
    tokio::spawn(on_ctrl_c);
    let running = tokio::spawn(server.run(Store::default(), shutdown));

    let mut client = Scripted::connect(addr).await?;
    println!(
        "client: SET greeting hello -> {}",
        client.ask("SET greeting hello").await?
    );
    println!("-- kill -s INT {{this process}} --");
    let pid = std::process::id().to_string();
    Command::new("kill").args(["-s", "INT", &pid]).status()?;
    println!("client: <- {}", client.read().await?);
    println!("client: <- {}", client.read().await?);
    drop(client);
    println!("{:?}", running.await?);
    Ok(())
}
// ANCHOR_END: main
