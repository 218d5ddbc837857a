//! Chapter 40's load: hundreds of clients on loopback, every reply checked,
//! in bounded time, against the store and against each broken handler while
//! nothing stalls. Speed is measured by `ci/load.sh` (the ignored test at
//! the end), never asserted.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::within_limit;
use listings::ship::broken::audit_lock::Audited;
use listings::ship::broken::blocking::{Backend, Blocking, Offloaded};
use listings::ship::broken::measure::{Loaded, load_on};
use listings::ship::connection::Ending;
use listings::ship::store::{Handler, Store};
use tokio::io::AsyncReadExt;

const CLIENTS: usize = 200;
const ROUNDS: usize = 5;
/// Four requests a round: SET, GET, DEL, GET.
const REQUESTS: usize = CLIENTS * ROUNDS * 4;

/// Runs the load and checks every count: every request answered as the
/// store owes, every client served to its QUIT, none refused or dropped.
fn every_reply_right<H: Handler>(handler: H) -> Loaded {
    let loaded =
        within_limit("the load", move || load_on(handler, 2, CLIENTS, ROUNDS)).unwrap();
    assert_eq!(loaded.seen.wrong, [], "replies the store did not owe");
    assert_eq!(loaded.seen.answered, REQUESTS);
    assert_eq!(loaded.summary.accepted, CLIENTS);
    assert_eq!((loaded.summary.refused, loaded.summary.dropped), (0, 0));
    assert_eq!(loaded.summary.endings, BTreeMap::from([(Ending::Quit, CLIENTS)]));
    loaded
}

#[test]
fn hundreds_of_clients_get_every_reply_right_in_bounded_time() {
    every_reply_right(Store::default());
}

#[test]
fn the_blocking_handler_passes_the_load_while_its_backend_answers() {
    let backend = Backend::open();
    every_reply_right(Blocking { store: Store::default(), backend: backend.clone() });
    // Every SET, GET and DEL went through the blocking call.
    assert_eq!(backend.calls(), REQUESTS);
}

#[test]
fn the_offloaded_handler_passes_the_load() {
    let backend = Backend::open();
    let blocking = Blocking { store: Store::default(), backend: backend.clone() };
    every_reply_right(Offloaded(blocking));
    assert_eq!(backend.calls(), REQUESTS);
}

#[test]
fn the_audited_handler_passes_the_load_while_its_sink_is_read() {
    let (sink, mut collector) = tokio::io::duplex(64 * 1024);
    let reader = std::thread::spawn(move || {
        common::on_current_thread(async move {
            let mut log = String::new();
            collector.read_to_string(&mut log).await.map(|_| log.lines().count())
        })
    });
    every_reply_right(Audited::new(Store::default(), sink));
    // One record for each SET and each DEL; the sink closed with the server.
    let records =
        within_limit("the collector", move || reader.join().unwrap()).unwrap();
    assert_eq!(records, CLIENTS * ROUNDS * 2);
}

// ANCHOR: measure
/// `bash ci/load.sh` runs this in release mode and prints what it measures.
#[test]
#[ignore = "a measurement, not a check: run by ci/load.sh"]
fn measure_the_load() {
    let clients = env_or("KV_LOAD_CLIENTS", 200);
    let rounds = env_or("KV_LOAD_ROUNDS", 50);
    let backend = Backend::open();
    let blocking = Blocking { store: Store::default(), backend };
    report("store", load_on(Store::default(), 2, clients, rounds));
    report("blocking, backend open", load_on(blocking.clone(), 2, clients, rounds));
    report("offloaded, backend open", load_on(Offloaded(blocking), 2, clients, rounds));
}

fn report(what: &str, loaded: std::io::Result<Loaded>) {
    let Loaded { seen, elapsed, .. } = loaded.unwrap();
    assert_eq!(seen.wrong, [], "{what}: replies the store did not owe");
    let mut latencies = seen.latencies;
    latencies.sort();
    let at = |per_mille: usize| latencies[(latencies.len() - 1) * per_mille / 1000];
    let per_second = seen.answered as f64 / elapsed.as_secs_f64();
    println!(
        "{what:>24}: {} requests in {:.2} s, {per_second:>7.0}/s; latency p50 {:.2?}, \
         p99 {:.2?}, max {:.2?}",
        seen.answered,
        elapsed.as_secs_f64(),
        at(500),
        at(990),
        latencies.last().copied().unwrap_or(Duration::ZERO),
    );
}
// ANCHOR_END: measure

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
