//! The one program of the book that serves until it is stopped,
//! `listings/examples/kv_server.rs` (chapter 38), run as the reader runs it:
//! a process of its own, talked to over 127.0.0.1, stopped by a real SIGINT
//! (Ctrl-C). Its output holds times and a port, so no output file records
//! it; this test checks what the chapter says it does instead.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use harness::{book_root, outputs};

/// How long any step may take before the test calls it a hang.
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn kv_server_serves_over_loopback_and_stops_cleanly_on_sigint() {
    let examples =
        outputs::build_examples(&book_root()).unwrap_or_else(|e| panic!("{e}"));
    let mut server = Command::new(examples.join("kv_server"))
        .arg("0") // a port the system picks; the log says which
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start kv_server");
    let pid = server.id();

    // The server's stdout, line by line, on a thread, so that every wait
    // for a line has a limit.
    let (lines, log) = mpsc::channel();
    let stdout = server.stdout.take().unwrap();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut wait_for = |what: &str| -> String {
        loop {
            let line = log.recv_timeout(LIMIT).unwrap_or_else(|_| {
                let _ = Command::new("kill").arg(pid.to_string()).status();
                panic!("kv_server printed no line with {what:?} within {LIMIT:?}; it printed {seen:#?}")
            });
            seen.push(line.clone());
            if line.contains(what) {
                return line;
            }
        }
    };

    let listening = wait_for("listening");
    let addr: SocketAddr = listening
        .split("addr=")
        .nth(1)
        .and_then(|a| a.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {listening:?}"));

    let mut client = TcpStream::connect_timeout(&addr, LIMIT).unwrap();
    client.set_read_timeout(Some(LIMIT)).unwrap();
    client.write_all(b"SET greeting hello\nGET greeting\n").unwrap();
    let mut replies = BufReader::new(client.try_clone().unwrap());
    let mut line = String::new();
    for expected in ["OK\n", "VALUE hello\n"] {
        line.clear();
        replies.read_line(&mut line).unwrap();
        assert_eq!(line, expected);
    }

    // Ctrl-C, as a terminal sends it: SIGINT to the process.
    let status =
        Command::new("kill").args(["-s", "INT", &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill -s INT {pid}: {status}");
    line.clear();
    replies.read_line(&mut line).unwrap();
    assert_eq!(line, "BYE\n", "an open connection is told BYE at the shutdown");
    let mut rest = Vec::new();
    replies.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "after BYE, the end of the stream: {rest:?}");
    drop(client);

    let summary = wait_for("Summary");
    assert!(
        summary.contains("accepted: 1") && summary.contains("Shutdown: 1"),
        "the summary counts one connection closed at the shutdown: {summary}"
    );
    let (done, exited) = mpsc::channel();
    thread::spawn(move || done.send(server.wait()));
    let exit = exited.recv_timeout(LIMIT).expect("kv_server exits after its summary");
    assert!(exit.unwrap().success(), "kv_server exits with success after Ctrl-C");
}
