//! Listing 27-8: Tokio keeps a socket's readiness until an operation hits
//! `WouldBlock`, which is how it lives with edge-triggered events.

use std::io;

use futures::FutureExt;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let mut client = TcpStream::connect(listener.local_addr()?).await?;
    let (server, _) = listener.accept().await?;
    let mut half = [0u8; 4];
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();

    let silent = server.try_read(&mut half);
    println!("try_read on a silent socket: {:?}", silent.unwrap_err().kind());

    client.write_all(b"abcdefgh").await?;
    server.readable().await?;
    let n = server.try_read(&mut half)?;
    println!("after readable().await: try_read {:?}", text(&half[..n]));

    let still_ready = server.readable().now_or_never().is_some();
    println!("readable() ready again without waiting: {still_ready}");
    let n = server.try_read(&mut half)?;
    println!("try_read {:?}", text(&half[..n]));

    let empty = server.try_read(&mut half);
    println!("try_read: {:?}", empty.unwrap_err().kind());
    let still_ready = server.readable().now_or_never().is_some();
    println!("readable() ready again without waiting: {still_ready}");
    Ok(())
}
// ANCHOR_END: main
