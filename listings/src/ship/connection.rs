//! One connection: a loop that reads requests, and a task that writes the
//! replies, with a bounded queue between them.

use std::io;

use futures::StreamExt;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::time::timeout;
use tokio_util::codec::FramedRead;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info};

use listings::ship::config::Config;
use listings::ship::lines::{Line, LineCodec};
use listings::ship::protocol::{Command, Problem, Reply, parse};
use listings::ship::store::Handler;

// ANCHOR: ending
/// How a connection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ending {
    /// The client sent `QUIT`.
    Quit,
    /// The client closed its side between requests.
    Closed,
    /// The client closed its side halfway through a line.
    Unfinished,
    /// No request within the idle timeout.
    Idle,
    /// A reply could not be written within the request timeout: the client
    /// does not read.
    SlowClient,
    /// The server is shutting down.
    Shutdown,
    /// The socket failed (a reset, say).
    Failed(io::ErrorKind),
}
// ANCHOR_END: ending

// ANCHOR: serve
/// Serves one client until it leaves, stalls, or the server shuts down.
/// The reading loop and the writer run side by side in this one task, so
/// a shutdown that drops the task drops both.
pub async fn serve<H: Handler>(
    stream: TcpStream,
    handler: H,
    config: Config,
    shutdown: CancellationToken,
) -> Ending {
    let (read, write) = stream.into_split();
    let mut lines = FramedRead::new(read, LineCodec::new(config.max_line));
    let (replies, queue) = mpsc::channel(config.reply_queue);
    let (ending, written) = tokio::join!(
        read_requests(&mut lines, replies, handler, &config, shutdown),
        write_replies(write, queue, &config),
    );
    let ending = match (ending, written) {
        (Ending::Failed(kind), _) => Ending::Failed(kind),
        (_, Err(Stalled)) => Ending::SlowClient,
        (ending, Ok(())) => ending,
    };
    if matches!(ending, Ending::Quit | Ending::Shutdown | Ending::Idle) {
        linger(lines.into_inner(), config.request_timeout).await;
    }
    ending
}
// ANCHOR_END: serve

// ANCHOR: linger
/// After the last reply and the FIN: reads and throws away whatever the
/// client still sends, until it closes too, for at most `limit`. Closing a
/// socket with unread bytes in it makes the kernel send a reset, and a
/// reset can reach the client before it has read the last reply.
pub async fn linger(mut socket: impl AsyncRead + Unpin, limit: Duration) {
    let mut scratch = [0; 1024];
    let _ = timeout(limit, async {
        while let Ok(1..) = socket.read(&mut scratch).await {}
    })
    .await;
}
// ANCHOR_END: linger

// ANCHOR: read_requests
async fn read_requests<H: Handler>(
    lines: &mut FramedRead<OwnedReadHalf, LineCodec>,
    replies: mpsc::Sender<Reply>,
    handler: H,
    config: &Config,
    shutdown: CancellationToken,
) -> Ending {
    let ending = loop {
        // Each branch is cancellation safe: a pending `next()` keeps its
        // partial line in `lines`, and the other two hold nothing.
        let next = tokio::select! {
            biased;
            _ = shutdown.cancelled() => break Ending::Shutdown,
            _ = replies.closed() => break Ending::SlowClient,
            next = timeout(config.idle_timeout, lines.next()) => next,
        };
        let line = match next {
            Err(_elapsed) => break Ending::Idle,
            Ok(None) => break Ending::Closed,
            Ok(Some(Err(error))) => break Ending::Failed(error.kind()),
            Ok(Some(Ok(line))) => line,
        };
        let reply = match line {
            Line::Text(text) => match parse(&text) {
                Ok(Command::Quit) => break Ending::Quit,
                Ok(command) => {
                    debug!(?command, "request");
                    match timeout(config.request_timeout, handler.call(command)).await {
                        Ok(reply) => reply,
                        Err(_elapsed) => Reply::Error(Problem::Timeout),
                    }
                }
                Err(problem) => Reply::Error(problem),
            },
            Line::TooLong => Reply::Error(Problem::LineTooLong),
            Line::NotUtf8 => Reply::Error(Problem::NotUtf8),
            Line::Unfinished => break Ending::Unfinished,
        };
        // A full queue waits here, and this loop reads no more requests
        // meanwhile: a client's unread replies hold back its next requests.
        if replies.send(reply).await.is_err() {
            break Ending::SlowClient;
        }
    };
    let last = match ending {
        Ending::Quit | Ending::Shutdown => Some(Reply::Bye),
        Ending::Idle => Some(Reply::Error(Problem::IdleTimeout)),
        _ => None,
    };
    if let Some(last) = last {
        let _ = replies.send(last).await;
    }
    ending
}
// ANCHOR_END: read_requests

/// The writer gave up: a reply did not go out within the request timeout,
/// or the socket failed.
pub struct Stalled;

// ANCHOR: write_replies
/// Writes each reply as it comes, each within the request timeout, then
/// closes the write side once the queue is closed and empty.
async fn write_replies(
    mut socket: OwnedWriteHalf,
    mut queue: mpsc::Receiver<Reply>,
    config: &Config,
) -> Result<(), Stalled> {
    while let Some(reply) = queue.recv().await {
        let line = format!("{reply}\n");
        match timeout(config.request_timeout, socket.write_all(line.as_bytes())).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                info!(%error, "write failed");
                return Err(Stalled);
            }
            Err(_elapsed) => {
                info!("a reply waited past the request timeout");
                return Err(Stalled);
            }
        }
    }
    let _ = socket.shutdown().await;
    Ok(())
}
// ANCHOR_END: write_replies
