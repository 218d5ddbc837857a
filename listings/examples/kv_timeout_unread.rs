//! A client that sends requests and never reads the replies: the server's
//! reply queue fills, it stops reading the client, and the request timeout
//! ends the connection.

use std::io;
use std::sync::atomic::Ordering;
use std::time::Duration;

use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::server::Server;
use listings::ship::wrappers::Counted;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpSocket;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let config =
        Config { request_timeout: Duration::from_secs(1), ..Config::default() };
    let server = Server::bind("127.0.0.1:0", config).await?;
    let addr = server.local_addr()?;
    let counted = Counted::default();
    let stop = CancellationToken::new();
    let running = tokio::spawn(server.run(counted.clone(), stop.clone()));

    let socket = TcpSocket::new_v4()?;
    socket.set_recv_buffer_size(16 * 1024)?;
    let mut client = BufReader::new(socket.connect(addr).await?);
    client.write_all(format!("SET big {}\n", "x".repeat(1000)).as_bytes()).await?;
    let mut ok = String::new();
    client.read_line(&mut ok).await?;
    println!("unread: SET big <1000 bytes> -> {}", ok.trim_end());
    println!("unread: sends GET big, 8,192 at a time, and reads nothing");

    let chunk = b"GET big\n".repeat(8192);
    let (mut sent, mut stalled) = (0, false);
    let failed = loop {
        match timeout(Duration::from_millis(100), client.write_all(&chunk)).await {
            Ok(Ok(())) => sent += 8192,
            Ok(Err(error)) => break error,
            Err(_elapsed) if !stalled => {
                stalled = true;
                println!("unread: a write makes no progress for 100 ms");
            }
            Err(_elapsed) => {}
        }
    };
    let handled = counted.calls.load(Ordering::SeqCst) - 1;
    println!(
        "unread: the server read fewer requests than were sent: {}",
        handled < sent
    );
    let reset = matches!(
        failed.kind(),
        io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe
    );
    println!("unread: then the server resets the connection: {reset}");

    stop.cancel();
    let summary = running.await?;
    println!("endings: {:?}", summary.endings);
    assert_eq!(summary.endings.get(&Ending::SlowClient), Some(&1));
    Ok(())
}
// ANCHOR_END: main
