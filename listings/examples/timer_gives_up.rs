//! Listing 29-10: chapter 28's silent client again, with a deadline: the
//! server stops waiting for it.

use std::io;
use std::time::{Duration, Instant};

use futures::future::{Either, select};
use listings::engine::net::TcpStream;
use listings::engine::readiness::loopback_pair;
use listings::engine::runtime::Runtime;
use listings::engine::timer::sleep;

// ANCHOR: main
fn main() -> io::Result<()> {
    let runtime = Runtime::new()?;
    let handle = runtime.handle();
    let (_silent_client, server) = loopback_pair()?;
    let server = TcpStream::from_std(server, &handle)?;
    let timers = handle.clone();
    handle.spawn(async move {
        let started = Instant::now();
        let mut buf = [0u8; 8];
        let read = std::pin::pin!(server.read(&mut buf));
        match select(read, sleep(&timers, Duration::from_millis(100))).await {
            Either::Left((result, _)) => {
                println!("the client said something: {result:?}")
            }
            Either::Right(((), _)) => {
                let waited = started.elapsed() >= Duration::from_millis(100);
                println!(
                    "gave up on the silent client, after at least 100 ms: {waited}"
                );
            }
        }
    });
    let counts = runtime.run();
    println!(
        "timers fired: {}, timers pending: {}",
        counts.fired,
        handle.time().pending()
    );
    Ok(())
}
// ANCHOR_END: main
