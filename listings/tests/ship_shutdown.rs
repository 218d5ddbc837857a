//! Chapter 39: a graceful shutdown. Stop accepting, let the open
//! connections finish within the deadline, drop the rest; a request in
//! flight is answered, one that arrives later is not applied; and a load
//! of hundreds of clients across a shutdown loses nothing.

mod running;

use std::collections::{BTreeMap, HashMap};
use std::io::ErrorKind;
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::linger_demo::{REPLIES, close_with_unread_requests};
use listings::ship::store::Store;
use listings::ship::until_bye::set_until_bye;
use listings::ship::wrappers::Held;
use running::{LIMIT, SHORT, patient, start, wait_until};

#[test]
fn after_a_shutdown_a_new_connect_is_refused() {
    let server = start(patient(), Store::default());
    let addr = server.addr;
    let summary = server.stop().unwrap();
    assert_eq!(summary.accepted, 0);
    let refused = TcpStream::connect(addr).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
}

#[test]
fn an_open_connection_is_told_bye_and_a_line_after_it_is_not_applied() {
    let store = Store::default();
    let server = start(patient(), store.clone());
    let mut client = Client::connect(server.addr).unwrap();
    assert_eq!(client.request("SET before 1").unwrap().as_deref(), Some("OK"));
    server.cancel();
    assert_eq!(client.reply().unwrap().as_deref(), Some("BYE"));
    // The server has stopped reading requests; it still reads, and throws
    // away, whatever comes until the client closes (`linger`).
    client.send("SET after 2").unwrap();
    assert_eq!(client.reply().unwrap(), None);
    drop(client);
    let summary = server.summary().unwrap();
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Shutdown, 1)]));
    let expected = HashMap::from([("before".to_string(), "1".to_string())]);
    assert_eq!(store.snapshot(), expected);
}

#[test]
fn a_request_in_flight_at_the_shutdown_is_answered_then_bye() {
    let (held, mut arrivals) = Held::new();
    let server = start(patient(), held.clone());
    let mut client = Client::connect(server.addr).unwrap();
    client.send("SET held 1").unwrap();
    assert_eq!(arrivals.blocking_recv().as_deref(), Some("held"));
    server.cancel();
    held.release.add_permits(1);
    assert_eq!(client.reply().unwrap().as_deref(), Some("OK"));
    assert_eq!(client.reply().unwrap().as_deref(), Some("BYE"));
    assert_eq!(client.reply().unwrap(), None);
    drop(client);
    let summary = server.summary().unwrap();
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Shutdown, 1)]));
    assert_eq!(held.store.snapshot().get("held").map(String::as_str), Some("1"));
}

#[test]
fn a_client_that_never_closes_is_dropped_at_the_deadline() {
    // The connection lingers until its client closes, for at most the
    // request timeout (long here): the shutdown deadline comes first.
    let config = Config { shutdown_deadline: SHORT, ..patient() };
    let server = start(config, Store::default());
    let mut stays = Client::connect(server.addr).unwrap();
    let mut leaves = Client::connect(server.addr).unwrap();
    assert_eq!(stays.request("PING").unwrap().as_deref(), Some("PONG"));
    assert_eq!(leaves.request("PING").unwrap().as_deref(), Some("PONG"));
    server.cancel();
    for client in [&mut stays, &mut leaves] {
        assert_eq!(client.reply().unwrap().as_deref(), Some("BYE"));
        assert_eq!(client.reply().unwrap(), None);
    }
    drop(leaves);
    let summary = server.summary().unwrap();
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Shutdown, 1)]));
    assert_eq!(summary.dropped, 1);
    drop(stays);
}

#[test]
fn closed_with_unread_requests_a_socket_resets_and_loses_replies() {
    let received = on_current_thread(close_with_unread_requests(false)).unwrap();
    assert!(received.bytes < received.sent, "{received:?}");
    assert!(!received.bye, "{received:?}");
    assert_eq!(received.error, Some(ErrorKind::ConnectionReset), "{received:?}");
}

#[test]
fn a_socket_that_lingers_delivers_every_reply_and_bye() {
    let received = on_current_thread(close_with_unread_requests(true)).unwrap();
    assert_eq!(received.bytes, received.sent, "{received:?}");
    assert_eq!(received.sent, REPLIES * 1024 + 4);
    assert!(received.bye, "{received:?}");
    assert_eq!(received.error, None, "{received:?}");
}

fn on_current_thread<F: Future>(future: F) -> F::Output {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    runtime
        .unwrap()
        .block_on(async { tokio::time::timeout(LIMIT, future).await.unwrap() })
}

#[test]
fn three_hundred_clients_across_a_shutdown_lose_nothing() {
    const CLIENTS: usize = 300;
    let store = Store::default();
    let server = start(patient(), store.clone());
    let addr = server.addr;
    let warmed_up = AtomicUsize::new(0);
    let (done, outcomes) = mpsc::channel();
    thread::scope(|scope| {
        let warmed_up = &warmed_up;
        scope
            .spawn(move || done.send(set_until_bye(addr, CLIENTS, warmed_up)).unwrap());
        // Shut down in the middle: every client sending, none told BYE yet.
        wait_until("every client warmed up", || {
            warmed_up.load(Ordering::SeqCst) == CLIENTS
        });
        server.cancel();
    });
    let outcomes = outcomes.recv_timeout(LIMIT).unwrap().unwrap();
    let summary = server.summary().unwrap();

    // Every connection ended by the shutdown, within the deadline.
    assert_eq!(summary.accepted, CLIENTS);
    assert_eq!(summary.endings, BTreeMap::from([(Ending::Shutdown, CLIENTS)]));
    assert_eq!(summary.dropped, 0);
    // Every client was told BYE; every SET acknowledged is in the store, and
    // nothing else: the SETs answered BYE were not applied.
    let snapshot = store.snapshot();
    let mut acknowledged = HashMap::new();
    for (id, outcome) in outcomes.into_iter().enumerate() {
        let refused = outcome.refused.unwrap_or_else(|| panic!("client {id}: no BYE"));
        assert_eq!(snapshot.get(&refused), None, "client {id}: {refused} applied");
        assert!(outcome.acknowledged.len() >= 3);
        acknowledged.extend(outcome.acknowledged);
    }
    assert_eq!(snapshot, acknowledged);
}
