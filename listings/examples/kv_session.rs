//! A scripted client against the key-value server: each line it sends, and
//! the reply it reads, as you would see them typing into `nc`. The client
//! waits for each reply before the next line, so the transcript is the same
//! on every run.

use std::io;

use listings::ship::config::Config;
use listings::ship::server::Server;
use listings::ship::store::Store;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;

// ANCHOR: script
/// What the client sends, one line each (the `\n` is added).
const SCRIPT: &[&[u8]] = &[
    b"PING",
    b"SET greeting hello, world",
    b"GET greeting",
    b"DEL greeting",
    b"GET greeting",
    b"SET lonely",
    b"GET two words",
    b"FETCH greeting",
    &[b'x'; 2000],
    b"SET city Z\xfcrich",
    b"QUIT",
];
// ANCHOR_END: script

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let server = Server::bind("127.0.0.1:0", Config::default()).await?;
    let addr = server.local_addr()?;
    let shutdown = CancellationToken::new();
    let running = tokio::spawn(server.run(Store::default(), shutdown.clone()));

    let (read, mut write) = TcpStream::connect(addr).await?.into_split();
    let mut replies = BufReader::new(read).lines();
    for line in SCRIPT {
        write.write_all(&[line, &b"\n"[..]].concat()).await?;
        let reply = replies.next_line().await?;
        println!("> {}", shown(line));
        println!("< {}", reply.as_deref().unwrap_or("(closed)"));
    }
    let after = replies.next_line().await?;
    println!("after BYE: {}", after.as_deref().unwrap_or("the end of the stream"));
    drop(write);

    shutdown.cancel();
    println!("{:?}", running.await?);
    Ok(())
}
// ANCHOR_END: main

/// The line as the transcript shows it: long lines cut short, bytes that
/// are not text escaped.
fn shown(line: &[u8]) -> String {
    match std::str::from_utf8(line) {
        Ok(text) if text.len() <= 40 => text.to_string(),
        Ok(text) => format!("{}... ({} bytes)", &text[..8], text.len()),
        Err(_) => line.escape_ascii().to_string(),
    }
}
