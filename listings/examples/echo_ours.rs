//! Listing 32-8: the echo server on our runtime, a hundred clients, and a
//! clean shutdown.

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::thread;

use futures::executor::block_on;

use listings::engine::echo::on_ours;
use listings::engine::echo_clients::{self, CLIENTS};
use listings::engine::readiness::EVENT_LIMIT;
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handle = runtime.handle();
    let loopback: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let (server, control) = on_ours::bind(loopback, &handle)?;
    let addr = server.local_addr()?;
    let serving = handle.spawn(server.run());

    let clients = thread::spawn(move || {
        let summary = echo_clients::run(addr, CLIENTS);
        control.stop(); // the clients are done: stop the server
        summary
    });
    runtime.run(); // until the server's task and every connection's have ended
    println!("clients: {}", clients.join().unwrap()?);
    println!(
        "server:  {}",
        block_on(serving).map_err(|e| io::Error::other(e.to_string()))?
    );
    let again = TcpStream::connect_timeout(&addr, EVENT_LIMIT);
    println!("a new connect after shutdown: {:?}", again.unwrap_err().kind());
    Ok(())
}
// ANCHOR_END: main
