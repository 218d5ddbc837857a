//! Chapter 38's server end to end, on loopback: bad input and faults each
//! get a defined answer or a clean close, and the server goes on serving.
//! The clients are Part VIII's blocking std clients (`ship::clients`), every
//! step under a limit; the server runs on a runtime of its own thread.

mod common;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::Instant;

use common::LIMIT;
use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::running::Running;
use listings::ship::server::Summary;
use listings::ship::store::Store;

/// A server on 127.0.0.1 (two workers of a runtime of its own thread), with
/// a store the test can look into afterwards.
struct Served {
    addr: SocketAddr,
    store: Store,
    running: Running,
}

fn start(config: Config) -> Served {
    let store = Store::default();
    let running = Running::start(store.clone(), config, 2).expect("the server starts");
    Served { addr: running.addr, store, running }
}

impl Served {
    /// Shuts the server down and returns what it counted and what it stored.
    fn stop(self) -> (Summary, HashMap<String, String>) {
        let summary = self.running.stop().expect("the server stops");
        (summary, self.store.snapshot())
    }
}

/// Sends one line and returns its reply; fails on an error, or on the end
/// of the stream instead of a reply.
fn ask(client: &mut Client, line: &str) -> String {
    match client.request(line) {
        Ok(Some(reply)) => reply,
        Ok(None) => panic!("the server closed instead of answering {line:?}"),
        Err(error) => panic!("no reply to {line:?}: {error}"),
    }
}

/// The next line, or `None` at the end of the stream.
fn read_line(client: &mut Client) -> Option<String> {
    client.reply().expect("a line or the end of the stream, in time")
}

/// Reads the end of the stream; fails on a reset instead of a clean close,
/// or on one more line.
fn expect_clean_close(client: &mut Client) {
    match client.reply() {
        Ok(None) => {}
        Ok(Some(line)) => panic!("more after the end: {line:?}"),
        Err(error) if error.kind() == ErrorKind::ConnectionReset => {
            panic!("the server reset the connection instead of closing it")
        }
        Err(error) => panic!("no clean close: {error}"),
    }
}

fn connect(addr: SocketAddr) -> Client {
    Client::connect(addr).expect("connect")
}

fn ending_counts(summary: &Summary) -> Vec<(Ending, usize)> {
    summary.endings.iter().map(|(e, n)| (*e, *n)).collect()
}

#[test]
fn a_session_gets_the_replies_the_protocol_promises() {
    let server = start(Config::default());
    let mut client = connect(server.addr);
    assert_eq!(ask(&mut client, "PING"), "PONG");
    assert_eq!(ask(&mut client, "GET greeting"), "NONE");
    assert_eq!(ask(&mut client, "SET greeting hello, world"), "OK");
    assert_eq!(ask(&mut client, "GET greeting"), "VALUE hello, world");
    assert_eq!(ask(&mut client, "DEL greeting"), "DELETED");
    assert_eq!(ask(&mut client, "DEL greeting"), "NONE");
    assert_eq!(ask(&mut client, "SET greeting again"), "OK");
    assert_eq!(ask(&mut client, "QUIT"), "BYE");
    expect_clean_close(&mut client);
    drop(client);
    let (summary, stored) = server.stop();
    assert_eq!(ending_counts(&summary), [(Ending::Quit, 1)]);
    assert_eq!(stored, HashMap::from([("greeting".into(), "again".into())]));
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = start(Config::default());
    let mut client = connect(server.addr);
    let mut requests = String::new();
    for i in 0..100 {
        requests.push_str(&format!("SET key{i} value {i}\nGET key{i}\n"));
    }
    client.send_bytes(requests.as_bytes()).unwrap();
    for i in 0..100 {
        assert_eq!(read_line(&mut client).as_deref(), Some("OK"));
        assert_eq!(read_line(&mut client), Some(format!("VALUE value {i}")));
    }
    drop(client);
    let (_, stored) = server.stop();
    assert_eq!(stored.len(), 100);
}

#[test]
fn clients_share_one_store() {
    let server = start(Config::default());
    let mut writer = connect(server.addr);
    let mut reader = connect(server.addr);
    assert_eq!(ask(&mut writer, "SET shared yes"), "OK");
    assert_eq!(ask(&mut reader, "GET shared"), "VALUE yes");
    assert_eq!(ask(&mut reader, "DEL shared"), "DELETED");
    assert_eq!(ask(&mut writer, "GET shared"), "NONE");
    drop((writer, reader));
    server.stop();
}

#[test]
fn a_line_too_long_is_answered_and_the_connection_reads_on() {
    let server = start(Config { max_line: 64, ..Config::default() });
    let mut client = connect(server.addr);
    let long = format!("SET big {}", "x".repeat(10_000));
    assert_eq!(ask(&mut client, &long), "ERR line too long");
    // A line of exactly the limit is still a request.
    let longest = format!("SET k {}", "v".repeat(64 - 6));
    assert_eq!(ask(&mut client, &longest), "OK");
    assert_eq!(ask(&mut client, "GET big"), "NONE");
    assert_eq!(ask(&mut client, "PING"), "PONG");
    drop(client);
    let (_, stored) = server.stop();
    assert_eq!(stored.keys().collect::<Vec<_>>(), ["k"]);
}

#[test]
fn bytes_that_are_not_utf8_are_answered_and_the_connection_reads_on() {
    let server = start(Config::default());
    let mut client = connect(server.addr);
    client.send_bytes(b"SET city Z\xfcrich\n").unwrap();
    assert_eq!(read_line(&mut client).as_deref(), Some("ERR not UTF-8"));
    client.send_bytes(b"\xff\xfe\n").unwrap();
    assert_eq!(read_line(&mut client).as_deref(), Some("ERR not UTF-8"));
    assert_eq!(ask(&mut client, "SET city Zürich"), "OK");
    assert_eq!(ask(&mut client, "GET city"), "VALUE Zürich");
    drop(client);
    server.stop();
}

#[test]
fn unknown_commands_and_usage_errors_are_answered_and_change_nothing() {
    let server = start(Config::default());
    let mut client = connect(server.addr);
    let answers = [
        ("FETCH greeting", "ERR unknown command"),
        ("set greeting lower case", "ERR unknown command"),
        ("", "ERR unknown command"),
        ("PING twice", "ERR unknown command"),
        ("GET", "ERR usage: GET key"),
        ("GET two words", "ERR usage: GET key"),
        ("DEL", "ERR usage: DEL key"),
        ("SET lonely", "ERR usage: SET key value"),
    ];
    for (line, answer) in answers {
        assert_eq!(ask(&mut client, line), answer, "{line:?}");
    }
    assert_eq!(ask(&mut client, "PING"), "PONG");
    drop(client);
    let (_, stored) = server.stop();
    assert!(stored.is_empty(), "{stored:?}");
}

#[test]
fn a_client_that_disconnects_mid_request_has_its_set_not_applied() {
    let server = start(Config::default());
    let mut client = connect(server.addr);
    // One whole request, then half of one, then the client closes its side.
    client.send_bytes(b"SET whole 1\nSET half 2").unwrap();
    assert_eq!(read_line(&mut client).as_deref(), Some("OK"));
    client.finish().unwrap();
    // The server answers a half line with nothing: it just closes.
    expect_clean_close(&mut client);
    drop(client);

    let mut other = connect(server.addr);
    assert_eq!(ask(&mut other, "GET half"), "NONE");
    assert_eq!(ask(&mut other, "GET whole"), "VALUE 1");
    drop(other);
    let (summary, stored) = server.stop();
    assert_eq!(summary.endings.get(&Ending::Unfinished), Some(&1));
    assert_eq!(stored, HashMap::from([("whole".into(), "1".into())]));
}

#[test]
fn past_the_limit_a_client_is_told_busy_and_closed_and_the_others_are_served() {
    let server = start(Config { max_connections: 2, ..Config::default() });
    let mut first = connect(server.addr);
    let mut second = connect(server.addr);
    // A reply means the server has accepted the connection and holds a
    // permit for it.
    assert_eq!(ask(&mut first, "PING"), "PONG");
    assert_eq!(ask(&mut second, "PING"), "PONG");

    for _ in 0..3 {
        let mut extra = connect(server.addr);
        assert_eq!(read_line(&mut extra).as_deref(), Some("ERR busy"));
        expect_clean_close(&mut extra);
    }

    assert_eq!(ask(&mut first, "SET first 1"), "OK");
    assert_eq!(ask(&mut second, "SET second 2"), "OK");
    assert_eq!(ask(&mut first, "GET second"), "VALUE 2");

    // When one leaves, its place is free again: a new client is served once
    // the server has seen the first one go (a refusal before that is fine).
    assert_eq!(ask(&mut first, "QUIT"), "BYE");
    expect_clean_close(&mut first);
    drop(first);
    let started = Instant::now();
    let mut third = loop {
        let mut client = connect(server.addr);
        if ask(&mut client, "PING") == "PONG" {
            break client;
        }
        assert!(started.elapsed() < LIMIT, "the freed place was never given out");
    };
    assert_eq!(ask(&mut third, "GET first"), "VALUE 1");
    drop((second, third));

    let (summary, _) = server.stop();
    assert!(summary.refused >= 3, "{summary:?}");
    assert_eq!(summary.accepted, 3, "{summary:?}");
}
