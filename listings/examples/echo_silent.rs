//! Listing 32-14: a client that connects and says nothing for 200 ms, on
//! both servers: what holding it costs, and how shutdown ends it.

use std::io::{self, Read};
use std::net::SocketAddr;
use std::thread;
use std::time::Duration;

use listings::engine::echo::report::Report;
use listings::engine::echo::{on_ours, on_tokio};
use listings::engine::echo_clients;
use listings::engine::readiness::EVENT_LIMIT;
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;

const SILENCE: Duration = Duration::from_millis(200);

// ANCHOR: ours
fn on_our_runtime(loopback: SocketAddr) -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handle = runtime.handle();
    let (server, control) = on_ours::bind(loopback, &handle)?;
    let addr = server.local_addr()?;
    let serving = handle.spawn(server.run());
    let looping = thread::spawn(move || runtime.run());

    handle.wait_until_parked(1, EVENT_LIMIT)?; // the server waits in accept
    let mut silent = echo_clients::connect(addr)?;
    handle.wait_until_parked(2, EVENT_LIMIT)?; // its connection waits in read
    thread::sleep(SILENCE);
    println!(
        "ours:  the loop parked {} times, the client still silent",
        handle.parks()
    );
    control.stop();
    let counts = looping.join().unwrap();
    let report = futures::executor::block_on(serving)
        .map_err(|e| io::Error::other(e.to_string()))?;
    print_outcome("ours: ", report, silent.read(&mut [0; 8])?);
    println!("ours:  all tasks together were polled {} times", counts.polls);
    Ok(())
}
// ANCHOR_END: ours

// ANCHOR: tokio
fn on_tokio_runtime(loopback: SocketAddr) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let (server, mut control) = on_tokio::bind(loopback).await?;
        let mut silent = echo_clients::connect(server.local_addr()?)?;
        let serving = tokio::spawn(server.run());
        control.started(1).await; // its connection has been polled once
        tokio::time::sleep(SILENCE).await;
        control.stop();
        let report = serving.await?;
        let eof = tokio::task::spawn_blocking(move || silent.read(&mut [0; 8])).await?;
        print_outcome("tokio:", report, eof?);
        Ok(())
    })
}
// ANCHOR_END: tokio

fn print_outcome(runtime: &str, report: Report, eof: usize) {
    println!("{runtime} stopped: {report}");
    let polls = report.polls;
    println!(
        "{runtime} its task was polled {polls} times; the client read {eof} bytes (EOF)"
    );
}

fn main() -> io::Result<()> {
    let loopback: SocketAddr = "127.0.0.1:0".parse().unwrap();
    println!("a client connects and sends nothing for {} ms", SILENCE.as_millis());
    on_our_runtime(loopback)?;
    on_tokio_runtime(loopback)
}
