//! Chapter 21: the async fn and the hand-written future agree, on success
//! and on every failing stage, against the same local servers.

use std::future::Future;
use std::io::Write;
use std::net::TcpListener;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::state_machines::fetch::{FetchError, Stage, fetch};
use listings::state_machines::fetch_async::fetch_async;
use listings::state_machines::server::{hang_up, serve, shout};

mod common;
use common::within_limit;

use common::on_current_thread as run;

/// Runs both clients on the same address and request.
fn both(address: String, request: &'static [u8]) -> [Result<Vec<u8>, Stage>; 2] {
    within_limit("both clients", move || {
        let stage = |error: FetchError| error.stage;
        [
            run(fetch(&address, request)).map_err(stage),
            run(fetch_async(&address, request)).map_err(stage),
        ]
    })
}

#[test]
fn both_clients_agree_on_every_path() {
    let shouting = serve(shout).to_string();
    let closed =
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let silent = serve(hang_up).to_string();
    let cases = [
        (shouting, Ok(b"SAME ANSWER\n".to_vec())),
        ("127.0.0.1:http".to_string(), Err(Stage::Resolving)),
        (closed, Err(Stage::Connecting)),
        (silent, Err(Stage::Reading)),
    ];
    for (address, expected) in cases {
        let [by_hand, as_async_fn] = both(address.clone(), b"same answer\n");
        assert_eq!(by_hand, expected, "the hand-written client, at {address}");
        assert_eq!(as_async_fn, expected, "the async fn, at {address}");
    }
}

/// A server that answers at once, without reading anything first.
fn greeter() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for connection in listener.incoming().flatten() {
            let _ = (&connection).write_all(b"WELCOME\n");
        }
    });
    address
}

#[test]
fn both_clients_send_an_empty_request() {
    let [by_hand, as_async_fn] = both(greeter(), b"");
    assert_eq!(by_hand, Ok(b"WELCOME\n".to_vec()), "the hand-written client");
    assert_eq!(as_async_fn, Ok(b"WELCOME\n".to_vec()), "the async fn");
}

#[test]
#[should_panic(expected = "`async fn` resumed after completion")]
fn a_finished_async_fn_panics_when_polled_again() {
    let address = serve(shout).to_string();
    let mut future = pin!(fetch_async(&address, b"once\n"));
    run(future.as_mut()).unwrap();
    let _ = future.as_mut().poll(&mut Context::from_waker(Waker::noop()));
}
