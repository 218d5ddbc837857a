//! For the examples of chapters 38 and 39: a client that plays a script on the
//! server's own runtime, each step waiting for its reply, and a log
//! subscriber whose lines are the same on every run.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tracing_subscriber::field::MakeExt;
// The level as tracing-subscriber names it, not `tracing::Level`: the book's
// snippets may link another build of `tracing` than the one
// tracing-subscriber was compiled with (skeptic chooses among the builds in
// target/, and the build scripts' copy is one), and then the two `Level`s
// are different types.
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::debug_fn;
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// One connection of a scripted client.
pub struct Scripted {
    replies: Lines<BufReader<OwnedReadHalf>>,
    requests: OwnedWriteHalf,
}

impl Scripted {
    pub async fn connect(addr: SocketAddr) -> io::Result<Scripted> {
        let (read, requests) = TcpStream::connect(addr).await?.into_split();
        Ok(Scripted { replies: BufReader::new(read).lines(), requests })
    }

    /// Sends raw bytes, as they are.
    pub async fn send_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.requests.write_all(bytes).await
    }

    /// Sends one line and reads the reply.
    pub async fn ask(&mut self, line: &str) -> io::Result<String> {
        self.send_bytes(format!("{line}\n").as_bytes()).await?;
        self.read().await
    }

    /// The next line from the server, or a note that it closed.
    pub async fn read(&mut self) -> io::Result<String> {
        let line = self.replies.next_line().await?;
        Ok(line.unwrap_or_else(|| "(the server closed the connection)".into()))
    }
}

// ANCHOR: log_to_stdout
/// Logs to standard output, debug and up, without the time or the module,
/// and with the client's port (which changes from run to run) as `PORT`,
/// until [`stop_logging`].
pub fn log_to_stdout() {
    tracing_subscriber::fmt()
        .with_max_level(LevelFilter::DEBUG)
        .without_time()
        .with_target(false)
        .with_ansi(false)
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

/// Logs reach standard output while this is set.
static LOGGING: AtomicBool = AtomicBool::new(true);

/// From now on, log lines are dropped: for a program whose last log lines
/// are not ordered by any reply, and so could come in either order.
pub fn stop_logging() {
    LOGGING.store(false, Ordering::SeqCst);
}
// ANCHOR_END: log_to_stdout
