//! The server's logs for two clients under a limit of one connection: the
//! first is served, the second is told `ERR busy`, and every log line says
//! which connection it belongs to. Each step waits for a reply, so the lines
//! come in the same order on every run.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use listings::ship::config::Config;
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::field::MakeExt;
// The level as tracing-subscriber names it, not `tracing::Level`: the book's
// snippets may link another build of `tracing` than the one
// tracing-subscriber was compiled with (skeptic chooses among the builds in
// target/, and the build scripts' copy is one), and then the two `Level`s
// are different types.
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::debug_fn;
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// Logs go to standard output while this is set.
static LOGGING: AtomicBool = AtomicBool::new(true);

// ANCHOR: subscriber
fn log_to_stdout() {
    tracing_subscriber::fmt()
        .with_max_level(LevelFilter::DEBUG)
        .without_time()
        .with_target(false)
        // The client's port changes from run to run: print a placeholder.
        .fmt_fields(
            debug_fn(|out, field, value| match field.name() {
                "message" => write!(out, "{value:?}"),
                "peer" => write!(out, "peer=127.0.0.1:PORT"),
                name => write!(out, "{name}={value:?}"),
            })
            .delimited(" "),
        )
        .with_writer(io::stdout.with_filter(|_| LOGGING.load(Ordering::SeqCst)))
        .init();
}
// ANCHOR_END: subscriber

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    log_to_stdout();
    let config = Config { max_connections: 1, ..Config::default() };
    let server = Server::bind("127.0.0.1:0", config).await?;
    let addr = server.local_addr()?;
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(server.run(Store::default(), shutdown.clone()));

    let mut first = Client::connect(addr).await?;
    println!("first: {}", first.ask("SET greeting hello").await?);

    let mut second = Client::connect(addr).await?;
    println!("second, before it asks anything: {}", second.read().await?);
    println!("second, then: {}", second.read().await?);
    drop(second);

    println!("first: {}", first.ask("GET greeting").await?);
    // What the server logs after this races with the end of the program.
    LOGGING.store(false, Ordering::SeqCst);
    println!("first: {}", first.ask("QUIT").await?);
    drop(first);

    shutdown.cancel();
    println!("{:?}", running.await?);
    Ok(())
}
// ANCHOR_END: main

struct Client {
    replies: Lines<BufReader<OwnedReadHalf>>,
    requests: OwnedWriteHalf,
}

impl Client {
    async fn connect(addr: std::net::SocketAddr) -> io::Result<Client> {
        let (read, requests) = TcpStream::connect(addr).await?.into_split();
        Ok(Client { replies: BufReader::new(read).lines(), requests })
    }

    /// Sends one line and reads the reply.
    async fn ask(&mut self, line: &str) -> io::Result<String> {
        self.requests.write_all(format!("{line}\n").as_bytes()).await?;
        self.read().await
    }

    /// The next line from the server, or a note that it closed.
    async fn read(&mut self) -> io::Result<String> {
        let line = self.replies.next_line().await?;
        Ok(line.unwrap_or_else(|| "(the server closed the connection)".into()))
    }
}
