//! Three clients a timeout is for: one that says nothing, one that sends a
//! line a byte at a time and never ends it, and one whose request is slow.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use listings::ship::config::Config;
use listings::ship::scripted::Scripted;
use listings::ship::server::{Server, Summary};
use listings::ship::store::{Handler, Store};
use listings::ship::wrappers::Slow;
use tokio::task::JoinHandle;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

const SHORT: Duration = Duration::from_millis(200);
const LONG: Duration = Duration::from_secs(10);

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    // A server whose idle timeout is short.
    let idle =
        Config { idle_timeout: SHORT, request_timeout: LONG, ..Config::default() };
    let (addr, stop, running) = start(idle, Store::default()).await?;

    let mut silent = Scripted::connect(addr).await?;
    println!("silent: connects and sends nothing");
    println!("silent: <- {}", silent.read().await?);
    println!("silent: <- {}", silent.read().await?);

    let mut slowloris = Scripted::connect(addr).await?;
    println!(
        "slowloris: sends \"SET greeting h\", then an \"e\" every 50 ms, no newline"
    );
    slowloris.send_bytes(b"SET greeting h").await?;
    let reply = loop {
        tokio::select! {
            reply = slowloris.read() => break reply?,
            _ = sleep(Duration::from_millis(50)) => slowloris.send_bytes(b"e").await?,
        }
    };
    println!("slowloris: <- {reply}");
    println!("slowloris: <- {}", slowloris.read().await?);

    let mut check = Scripted::connect(addr).await?;
    println!("check: GET greeting -> {}", check.ask("GET greeting").await?);
    println!("check: QUIT -> {}", check.ask("QUIT").await?);
    drop((silent, slowloris, check));
    println!("{:?}", shut_down(stop, running).await?);

    // A server whose request timeout is short, with a handler that takes
    // 10 s to answer `GET slow`.
    let abandoned = Arc::new(AtomicUsize::new(0));
    let slow =
        Slow { store: Store::default(), delay: LONG, abandoned: abandoned.clone() };
    let request =
        Config { idle_timeout: LONG, request_timeout: SHORT, ..Config::default() };
    let (addr, stop, running) = start(request, slow).await?;

    let mut patient = Scripted::connect(addr).await?;
    println!("patient: GET slow -> {}", patient.ask("GET slow").await?);
    println!("patient: PING -> {}", patient.ask("PING").await?);
    println!("patient: QUIT -> {}", patient.ask("QUIT").await?);
    println!("handler calls dropped unfinished: {}", abandoned.load(Ordering::SeqCst));
    drop(patient);
    println!("{:?}", shut_down(stop, running).await?);
    Ok(())
}
// ANCHOR_END: main

type Running = (SocketAddr, CancellationToken, JoinHandle<Summary>);

async fn start(config: Config, handler: impl Handler) -> io::Result<Running> {
    let server = Server::bind("127.0.0.1:0", config).await?;
    let addr = server.local_addr()?;
    let stop = CancellationToken::new();
    Ok((addr, stop.clone(), tokio::spawn(server.run(handler, stop))))
}

async fn shut_down(
    stop: CancellationToken,
    running: JoinHandle<Summary>,
) -> io::Result<Summary> {
    stop.cancel();
    running.await.map_err(io::Error::other)
}
