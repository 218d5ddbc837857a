//! Chapter 39: the idle timeout and the request timeout, each against the
//! client it guards against.

mod running;

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::net::Shutdown;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::connection::Ending;
use listings::ship::store::Store;
use listings::ship::wrappers::Slow;
use running::{LONG, SHORT, patient, start};

fn endings(pairs: &[(Ending, usize)]) -> BTreeMap<Ending, usize> {
    pairs.iter().copied().collect()
}

#[test]
fn a_silent_client_is_told_idle_timeout_and_closed() {
    let server = start(Config { idle_timeout: SHORT, ..patient() }, Store::default());
    let mut silent = Client::connect(server.addr).unwrap();
    assert_eq!(silent.reply().unwrap().as_deref(), Some("ERR idle timeout"));
    assert_eq!(silent.reply().unwrap(), None, "then the server closes");
    drop(silent);
    let summary = server.stop().unwrap();
    assert_eq!(summary.endings, endings(&[(Ending::Idle, 1)]));
}

#[test]
fn a_client_that_trickles_a_line_is_cut_off_at_the_idle_timeout_unapplied() {
    let store = Store::default();
    let server = start(Config { idle_timeout: SHORT, ..patient() }, store.clone());
    let mut slowloris = Client::connect(server.addr).unwrap();
    slowloris.send_bytes(b"SET greeting h").unwrap();
    // One more byte every 20 ms, never a newline, from a thread of its own,
    // until the server closes.
    let mut trickle = slowloris.stream().try_clone().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&sent);
    let trickling = thread::spawn(move || {
        use std::io::Write;
        for _ in 0..500 {
            if trickle.write_all(b"e").is_err() {
                return;
            }
            counted.fetch_add(1, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(20));
        }
    });
    assert_eq!(slowloris.reply().unwrap().as_deref(), Some("ERR idle timeout"));
    assert_eq!(slowloris.reply().unwrap(), None, "then the server closes");
    assert!(sent.load(Ordering::SeqCst) >= 1, "bytes kept coming meanwhile");
    slowloris.stream().shutdown(Shutdown::Both).unwrap(); // ends the trickle too
    drop(slowloris);
    trickling.join().unwrap();
    let summary = server.stop().unwrap();
    assert_eq!(summary.endings, endings(&[(Ending::Idle, 1)]));
    assert_eq!(store.snapshot().get("greeting"), None, "the half line is not applied");
}

#[test]
fn a_slow_handler_is_answered_request_timeout_and_the_connection_goes_on() {
    let abandoned = Arc::new(AtomicUsize::new(0));
    let slow =
        Slow { store: Store::default(), delay: LONG, abandoned: abandoned.clone() };
    let server = start(Config { request_timeout: SHORT, ..patient() }, slow);
    let mut client = Client::connect(server.addr).unwrap();
    let reply = client.request("GET slow").unwrap();
    assert_eq!(reply.as_deref(), Some("ERR request timeout"));
    assert_eq!(abandoned.load(Ordering::SeqCst), 1, "the handler's future was dropped");
    assert_eq!(client.request("SET slow 1").unwrap().as_deref(), Some("OK"));
    assert_eq!(client.request("PING").unwrap().as_deref(), Some("PONG"));
    assert_eq!(client.request("QUIT").unwrap().as_deref(), Some("BYE"));
    drop(client);
    let summary = server.stop().unwrap();
    assert_eq!(summary.endings, endings(&[(Ending::Quit, 1)]));
}

#[test]
fn a_silent_client_under_a_long_idle_timeout_is_closed_by_the_shutdown() {
    let server = start(patient(), Store::default());
    let mut silent = Client::connect(server.addr).unwrap();
    silent.set_read_limit(SHORT).unwrap();
    let kind = silent.reply().unwrap_err().kind();
    assert!(matches!(kind, ErrorKind::WouldBlock | ErrorKind::TimedOut), "{kind:?}");
    silent.set_read_limit(LONG).unwrap();
    server.cancel();
    assert_eq!(silent.reply().unwrap().as_deref(), Some("BYE"));
    assert_eq!(silent.reply().unwrap(), None);
    drop(silent);
}
