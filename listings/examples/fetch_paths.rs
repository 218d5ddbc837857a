//! Chapter 19: the hand-written client on its success path and on each of
//! its failure paths, every server on 127.0.0.1.

use std::net::TcpListener;

use listings::state_machines::fetch::fetch;
use listings::state_machines::server::{hang_up, serve, shout};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // A port that was just freed: nobody listens there.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let cases = [
        ("a shouting server", serve(shout).to_string()),
        ("a port that is not a number", "127.0.0.1:http".to_string()),
        ("a closed port", closed.to_string()),
        ("a server that hangs up", serve(hang_up).to_string()),
    ];
    for (what, address) in cases {
        match fetch(&address, b"hello\n").await {
            Ok(response) => print!("{what}: {}", String::from_utf8_lossy(&response)),
            Err(error) => println!("{what}: {error}: {}", error.source),
        }
    }
}
// ANCHOR_END: main
