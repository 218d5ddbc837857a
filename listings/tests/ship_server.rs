//! Chapter 38's server end to end, on loopback: bad input and faults each
//! get a defined answer or a clean close, and the server goes on serving.
//! The clients are blocking std sockets on the test's thread, each read
//! under a limit; the server runs on a runtime of its own thread.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use common::LIMIT;
use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::server::{Server, Summary};
use listings::ship::store::Store;
use tokio_util::sync::CancellationToken;

/// A server on 127.0.0.1 with a store the test can look into afterwards.
struct Running {
    addr: SocketAddr,
    store: Store,
    shutdown: CancellationToken,
    summary: mpsc::Receiver<Summary>,
}

fn start(config: Config) -> Running {
    let store = Store::default();
    let shutdown = CancellationToken::new();
    let (bound, addr) = mpsc::channel();
    let (done, summary) = mpsc::channel();
    let (handler, stop) = (store.clone(), shutdown.clone());
    thread::spawn(move || {
        common::on_multi_thread(async move {
            let server = Server::bind("127.0.0.1:0", config).await.unwrap();
            bound.send(server.local_addr().unwrap()).unwrap();
            let _ = done.send(server.run(handler, stop).await);
        })
    });
    let addr = addr.recv_timeout(LIMIT).expect("the server binds");
    Running { addr, store, shutdown, summary }
}

impl Running {
    /// Shuts the server down and returns what it counted and what it stored.
    fn stop(self) -> (Summary, HashMap<String, String>) {
        self.shutdown.cancel();
        let summary = self.summary.recv_timeout(LIMIT).expect("the server stops");
        (summary, self.store.snapshot())
    }
}

/// One client: a blocking socket whose reads give up after LIMIT.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        let writer = stream.try_clone().unwrap();
        Client { reader: BufReader::new(stream), writer }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
    }

    /// The next line, without its `\n`; `None` at the end of the stream.
    fn read_line(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) => None,
            Ok(_) => Some(line.trim_end_matches('\n').to_string()),
            Err(error) => panic!("no reply within {LIMIT:?}: {error}"),
        }
    }

    /// Sends one line and returns the reply.
    fn ask(&mut self, line: &str) -> String {
        self.send(format!("{line}\n").as_bytes());
        self.read_line().expect("a reply, not the end of the stream")
    }

    /// Reads until the server closes; fails on a reset instead of a clean
    /// close, or on more lines.
    fn expect_clean_close(&mut self) {
        let mut rest = Vec::new();
        match self.reader.read_to_end(&mut rest) {
            Ok(_) => assert!(rest.is_empty(), "more after the end: {rest:?}"),
            Err(error) if error.kind() == ErrorKind::ConnectionReset => {
                panic!("the server reset the connection instead of closing it")
            }
            Err(error) => panic!("no clean close within {LIMIT:?}: {error}"),
        }
    }
}

fn ending_counts(summary: &Summary) -> Vec<(Ending, usize)> {
    summary.endings.iter().map(|(e, n)| (*e, *n)).collect()
}

#[test]
fn a_session_gets_the_replies_the_protocol_promises() {
    let server = start(Config::default());
    let mut client = Client::connect(server.addr);
    assert_eq!(client.ask("PING"), "PONG");
    assert_eq!(client.ask("GET greeting"), "NONE");
    assert_eq!(client.ask("SET greeting hello, world"), "OK");
    assert_eq!(client.ask("GET greeting"), "VALUE hello, world");
    assert_eq!(client.ask("DEL greeting"), "DELETED");
    assert_eq!(client.ask("DEL greeting"), "NONE");
    assert_eq!(client.ask("SET greeting again"), "OK");
    assert_eq!(client.ask("QUIT"), "BYE");
    client.expect_clean_close();
    drop(client);
    let (summary, stored) = server.stop();
    assert_eq!(ending_counts(&summary), [(Ending::Quit, 1)]);
    assert_eq!(stored, HashMap::from([("greeting".into(), "again".into())]));
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let server = start(Config::default());
    let mut client = Client::connect(server.addr);
    let mut requests = String::new();
    for i in 0..100 {
        requests.push_str(&format!("SET key{i} value {i}\nGET key{i}\n"));
    }
    client.send(requests.as_bytes());
    for i in 0..100 {
        assert_eq!(client.read_line().as_deref(), Some("OK"));
        assert_eq!(client.read_line(), Some(format!("VALUE value {i}")));
    }
    drop(client);
    let (_, stored) = server.stop();
    assert_eq!(stored.len(), 100);
}

#[test]
fn clients_share_one_store() {
    let server = start(Config::default());
    let mut writer = Client::connect(server.addr);
    let mut reader = Client::connect(server.addr);
    assert_eq!(writer.ask("SET shared yes"), "OK");
    assert_eq!(reader.ask("GET shared"), "VALUE yes");
    assert_eq!(reader.ask("DEL shared"), "DELETED");
    assert_eq!(writer.ask("GET shared"), "NONE");
    drop((writer, reader));
    server.stop();
}

#[test]
fn a_line_too_long_is_answered_and_the_connection_reads_on() {
    let server = start(Config { max_line: 64, ..Config::default() });
    let mut client = Client::connect(server.addr);
    let long = format!("SET big {}", "x".repeat(10_000));
    assert_eq!(client.ask(&long), "ERR line too long");
    // A line of exactly the limit is still a request.
    let longest = format!("SET k {}", "v".repeat(64 - 6));
    assert_eq!(client.ask(&longest), "OK");
    assert_eq!(client.ask("GET big"), "NONE");
    assert_eq!(client.ask("PING"), "PONG");
    drop(client);
    let (_, stored) = server.stop();
    assert_eq!(stored.keys().collect::<Vec<_>>(), ["k"]);
}

#[test]
fn bytes_that_are_not_utf8_are_answered_and_the_connection_reads_on() {
    let server = start(Config::default());
    let mut client = Client::connect(server.addr);
    client.send(b"SET name caf\xe9\n");
    assert_eq!(client.read_line().as_deref(), Some("ERR not UTF-8"));
    client.send(b"\xff\xfe\n");
    assert_eq!(client.read_line().as_deref(), Some("ERR not UTF-8"));
    assert_eq!(client.ask("SET name café"), "OK");
    assert_eq!(client.ask("GET name"), "VALUE café");
    drop(client);
    server.stop();
}

#[test]
fn unknown_commands_and_usage_errors_are_answered_and_change_nothing() {
    let server = start(Config::default());
    let mut client = Client::connect(server.addr);
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
        assert_eq!(client.ask(line), answer, "{line:?}");
    }
    assert_eq!(client.ask("PING"), "PONG");
    drop(client);
    let (_, stored) = server.stop();
    assert!(stored.is_empty(), "{stored:?}");
}

#[test]
fn a_client_that_disconnects_mid_request_has_its_set_not_applied() {
    let server = start(Config::default());
    let mut client = Client::connect(server.addr);
    // One whole request, then half of one, then the client closes its side.
    client.send(b"SET whole 1\nSET half 2");
    assert_eq!(client.read_line().as_deref(), Some("OK"));
    client.writer.shutdown(Shutdown::Write).unwrap();
    // The server answers a half line with nothing: it just closes.
    client.expect_clean_close();
    drop(client);

    let mut other = Client::connect(server.addr);
    assert_eq!(other.ask("GET half"), "NONE");
    assert_eq!(other.ask("GET whole"), "VALUE 1");
    drop(other);
    let (summary, stored) = server.stop();
    assert_eq!(summary.endings.get(&Ending::Unfinished), Some(&1));
    assert_eq!(stored, HashMap::from([("whole".into(), "1".into())]));
}

#[test]
fn past_the_limit_a_client_is_told_busy_and_closed_and_the_others_are_served() {
    let server = start(Config { max_connections: 2, ..Config::default() });
    let mut first = Client::connect(server.addr);
    let mut second = Client::connect(server.addr);
    // A reply means the server has accepted the connection and holds a
    // permit for it.
    assert_eq!(first.ask("PING"), "PONG");
    assert_eq!(second.ask("PING"), "PONG");

    for _ in 0..3 {
        let mut extra = Client::connect(server.addr);
        assert_eq!(extra.read_line().as_deref(), Some("ERR busy"));
        extra.expect_clean_close();
    }

    assert_eq!(first.ask("SET first 1"), "OK");
    assert_eq!(second.ask("SET second 2"), "OK");
    assert_eq!(first.ask("GET second"), "VALUE 2");

    // When one leaves, its place is free again: a new client is served once
    // the server has seen the first one go (a refusal before that is fine).
    assert_eq!(first.ask("QUIT"), "BYE");
    first.expect_clean_close();
    drop(first);
    let started = Instant::now();
    let mut third = loop {
        let mut client = Client::connect(server.addr);
        if client.ask("PING") == "PONG" {
            break client;
        }
        assert!(started.elapsed() < LIMIT, "the freed place was never given out");
    };
    assert_eq!(third.ask("GET first"), "VALUE 1");
    drop((second, third));

    let (summary, _) = server.stop();
    assert!(summary.refused >= 3, "{summary:?}");
    assert_eq!(summary.accepted, 3, "{summary:?}");
}
