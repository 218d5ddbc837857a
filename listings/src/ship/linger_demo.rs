//! Why a connection lingers: a socket closed with unread bytes in it is
//! reset, and the reset throws away the replies still waiting to be sent.

use std::io;
use std::time::Duration;

use socket2::SockRef;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;

use listings::ship::connection::linger;

/// Replies the server sends, each 1 KiB with its `\n`, then `BYE`.
pub const REPLIES: usize = 128;

/// What the client of [`close_with_unread_requests`] received.
#[derive(Debug)]
pub struct Received {
    /// Bytes of replies read, `BYE` included.
    pub bytes: usize,
    /// Bytes the server sent.
    pub sent: usize,
    /// Whether `BYE` was the last line read.
    pub bye: bool,
    /// How the reading ended: `None` for the end of the stream, else the error.
    pub error: Option<io::ErrorKind>,
}

// ANCHOR: close_with_unread_requests
/// A client pipelines three requests; the server reads one, writes
/// [`REPLIES`] replies and `BYE`, shuts down its writing side, then either
/// closes the socket at once or lingers first. The client reads only after
/// that, so everything not yet in its receive buffer is still in the
/// server's send buffer when the server closes.
pub async fn close_with_unread_requests(lingers: bool) -> io::Result<Received> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let client = TcpSocket::new_v4()?;
    client.set_recv_buffer_size(16 * 1024)?;
    let mut client = client.connect(listener.local_addr()?).await?;
    let (server, _) = listener.accept().await?;
    SockRef::from(&server).set_send_buffer_size(1024 * 1024)?;

    client.write_all(b"GET big\nGET big\nGET big\n").await?;
    let (closed, server_done) = oneshot::channel();
    let replies = format!("VALUE {}\n", "x".repeat(1017)).repeat(REPLIES) + "BYE\n";
    let sent = replies.len();
    tokio::spawn(async move {
        let (mut read, mut write) = server.into_split();
        read.read_exact(&mut [0; 8]).await?; // one request; two stay unread
        write.write_all(replies.as_bytes()).await?;
        write.shutdown().await?;
        if lingers {
            let _ = closed.send(());
            linger(read, Duration::from_secs(10)).await;
        } else {
            drop((read, write)); // closes the socket, two requests unread
            let _ = closed.send(());
        }
        io::Result::Ok(())
    });
    server_done.await.expect("the server task ran to its close");

    let (mut bytes, mut tail, mut scratch) = (0, Vec::new(), vec![0; 64 * 1024]);
    let error = loop {
        match client.read(&mut scratch).await {
            Ok(0) => break None,
            Ok(n) => {
                bytes += n;
                tail.extend_from_slice(&scratch[..n]);
                tail.drain(..tail.len().saturating_sub(4));
            }
            Err(error) => break Some(error.kind()),
        }
    };
    Ok(Received { bytes, sent, bye: tail == b"BYE\n", error })
}
// ANCHOR_END: close_with_unread_requests
