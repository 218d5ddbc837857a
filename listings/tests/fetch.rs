//! Chapter 19: the hand-written client against a local server, on every
//! path: success, each failing stage, and a poll after completion.

use std::future::Future;
use std::net::TcpListener;
use std::pin::Pin;
use std::task::{Context, Waker};

use listings::state_machines::fetch::{Fetch, Stage, fetch};
use listings::state_machines::server::{hang_up, serve, shout};

mod common;
use common::within_limit;

use common::on_current_thread as run;

#[test]
fn a_fetch_returns_the_whole_response() {
    let address = serve(shout).to_string();
    let response = within_limit("a fetch", move || run(fetch(&address, b"hello\n")));
    assert_eq!(response.unwrap(), b"HELLO\n");
}

#[test]
fn a_refused_connection_fails_while_connecting() {
    // Bind a port, then free it: nobody listens there any more.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let address = closed.to_string();
    let error = within_limit("a refused fetch", move || run(fetch(&address, b"hi\n")));
    let error = error.unwrap_err();
    assert_eq!(error.stage, Stage::Connecting);
    assert_eq!(error.source.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[test]
fn the_message_names_the_stage_and_the_cause_comes_from_source() {
    use std::error::Error;
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let address = closed.to_string();
    let error = within_limit("a refused fetch", move || run(fetch(&address, b"hi\n")));
    let error = error.unwrap_err();
    // Printed once by a reporter that walks the chain, not twice.
    assert_eq!(error.to_string(), "fetch failed while Connecting");
    let cause = error.source().expect("the I/O error is the source");
    assert_eq!(cause.to_string(), error.source.to_string());
}

#[test]
fn an_address_without_a_valid_port_fails_while_resolving() {
    // Rejected by the parser before any lookup: nothing leaves the machine.
    let error =
        within_limit("an unresolvable fetch", || run(fetch("127.0.0.1:http", b"hi\n")));
    assert_eq!(error.unwrap_err().stage, Stage::Resolving);
}

#[test]
fn a_server_that_hangs_up_fails_while_reading() {
    let address = serve(hang_up).to_string();
    let error = within_limit("a fetch from a silent server", move || {
        run(fetch(&address, b"anyone there?\n"))
    });
    let error = error.unwrap_err();
    assert_eq!(error.stage, Stage::Reading);
    assert_eq!(error.source.kind(), std::io::ErrorKind::UnexpectedEof);
}

#[test]
fn the_stages_come_in_order_and_a_finished_fetch_has_none() {
    let address = serve(shout).to_string();
    within_limit("a fetch watched stage by stage", move || {
        run(async move {
            let mut fetch = fetch(&address, b"step\n");
            let mut seen = vec![fetch.stage()];
            std::future::poll_fn(|cx| {
                let poll = Pin::new(&mut fetch).poll(cx);
                if seen.last() != Some(&fetch.stage()) {
                    seen.push(fetch.stage());
                }
                poll
            })
            .await
            .unwrap();
            assert_eq!(seen.first(), Some(&Some(Stage::Resolving)));
            assert_eq!(seen.last(), Some(&None));
            // Between polls some stages may pass unseen (one poll can connect
            // and write), but those seen never go back.
            let order = [
                Some(Stage::Resolving),
                Some(Stage::Connecting),
                Some(Stage::Writing),
                Some(Stage::Reading),
                None,
            ];
            let ranks: Vec<_> =
                seen.iter().map(|s| order.iter().position(|o| o == s)).collect();
            assert!(ranks.is_sorted(), "the stages went back: {seen:?}");
            assert!(seen.contains(&Some(Stage::Reading)), "{seen:?}");
        })
    });
}

#[test]
#[should_panic(expected = "Fetch polled after it completed")]
fn polling_a_finished_fetch_panics() {
    let address = serve(shout).to_string();
    let mut fetch: Fetch = fetch(&address, b"once\n");
    run(&mut fetch).unwrap();
    let _ = Pin::new(&mut fetch).poll(&mut Context::from_waker(Waker::noop()));
}
