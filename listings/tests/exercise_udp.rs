//! The exercise of chapter 28 (Listing 28-35): a `UdpSocket` on the
//! reactor. These tests pass on the book's solution,
//! `listings/src/engine/udp.rs`; on the starter,
//! `listings/exercises/engine/udp.rs`, run with
//! `cargo test -p listings --features starter --test exercise_udp`, they
//! fail until you have written it. Every socket is on 127.0.0.1.

mod common;

use std::net::{SocketAddr, UdpSocket as StdUdpSocket};
use std::sync::mpsc;
use std::thread;

use common::within_limit;
use listings::engine::readiness::EVENT_LIMIT;
use listings::engine::runtime::{Counts, Runtime};
use listings::engine::udp::UdpSocket;

fn localhost() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

/// The sender waits until the loop blocks in its second park. Park 1 ends
/// at once with the new socket's writable event; park 2 lasts until the
/// datagram. Two polls and two parks, as for chapter 28's late client.
#[test]
fn a_datagram_that_comes_late_costs_two_polls_and_two_parks() {
    let (counts, got) = within_limit("a late datagram", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let socket = UdpSocket::bind(localhost(), &handle).unwrap();
        let target = socket.local_addr().unwrap();
        let std_sender = StdUdpSocket::bind(localhost()).unwrap();
        let sender = std_sender.local_addr().unwrap();
        let loop_handle = handle.clone();
        let sending = thread::spawn(move || {
            loop_handle.wait_until_parked(2, EVENT_LIMIT).unwrap();
            std_sender.send_to(b"ping", target).unwrap();
        });
        let (tx, rx) = mpsc::channel();
        handle.spawn(async move {
            let mut buf = [0u8; 16];
            let (n, from) = socket.recv_from(&mut buf).await.unwrap();
            tx.send((buf[..n].to_vec(), from)).unwrap();
        });
        let counts = runtime.run();
        sending.join().unwrap();
        let (got, from) = rx.recv().unwrap();
        assert_eq!(from, sender, "the sender's address");
        (counts, got)
    });
    assert_eq!(got, b"ping");
    assert_eq!(counts, Counts { polls: 2, parks: 2, events: 2, fired: 0 });
}

#[test]
fn two_sockets_on_the_loop_answer_each_other() {
    let (question, answer) = within_limit("ping and pong", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let asker = UdpSocket::bind(localhost(), &handle).unwrap();
        let answerer = UdpSocket::bind(localhost(), &handle).unwrap();
        let target = answerer.local_addr().unwrap();
        let (tx, rx) = mpsc::channel();
        let answers = tx.clone();
        // Spawned first: waits for the question, answers whoever asked.
        handle.spawn(async move {
            let mut buf = [0u8; 16];
            let (n, from) = answerer.recv_from(&mut buf).await.unwrap();
            answers.send(buf[..n].to_vec()).unwrap();
            answerer.send_to(b"pong", from).await.unwrap();
        });
        handle.spawn(async move {
            asker.send_to(b"ping", target).await.unwrap();
            let mut buf = [0u8; 16];
            let (n, from) = asker.recv_from(&mut buf).await.unwrap();
            assert_eq!(from, target);
            tx.send(buf[..n].to_vec()).unwrap();
        });
        runtime.run();
        (rx.recv().unwrap(), rx.recv().unwrap())
    });
    assert_eq!((question.as_slice(), answer.as_slice()), (&b"ping"[..], &b"pong"[..]));
}

#[test]
fn datagrams_waiting_together_come_out_one_at_a_time() {
    let got = within_limit("three datagrams", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let socket = UdpSocket::bind(localhost(), &handle).unwrap();
        let sender = StdUdpSocket::bind(localhost()).unwrap();
        for datagram in [&b"a"[..], b"bb", b"ccc"] {
            sender.send_to(datagram, socket.local_addr().unwrap()).unwrap();
        }
        let (tx, rx) = mpsc::channel();
        handle.spawn(async move {
            let mut got = Vec::new();
            let mut buf = [0u8; 16];
            for _ in 0..3 {
                let (n, _) = socket.recv_from(&mut buf).await.unwrap();
                got.push(String::from_utf8_lossy(&buf[..n]).into_owned());
            }
            tx.send(got).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(got, ["a", "bb", "ccc"]);
}

#[test]
fn a_dropped_socket_leaves_the_reactor() {
    let (while_alive, after) = within_limit("bind and drop", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let socket = UdpSocket::bind(localhost(), &handle).unwrap();
        let while_alive = handle.io().registered();
        drop(socket);
        (while_alive, handle.io().registered())
    });
    assert_eq!((while_alive, after), (1, 0));
}
