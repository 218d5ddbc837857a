//! Chapter 40's exercise: `Offload`, a blocking handler on the blocking
//! pool with a limit of calls at once. Every wait has a limit.

mod common;

use std::time::{Duration, Instant};

use common::{LIMIT, within_limit};
use listings::ship::broken::blocking::{Backend, Blocking};
use listings::ship::broken::measure::{connect_served, hold_two_calls};
use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::offload::Offload;
use listings::ship::running::Running;
use listings::ship::store::Store;

#[test]
fn pings_are_answered_while_two_blocking_calls_hold() {
    let patient = Config { request_timeout: LIMIT, ..Config::default() };
    // Every command goes to the pool, PINGs too: two permits for the two
    // held calls, two for the PINGs.
    let held = within_limit("two offloaded calls", move || {
        hold_two_calls(|blocking| Offload::new(blocking, 4), patient, 20, LIMIT)
    })
    .unwrap();
    assert_eq!(held.answered_while_held, 20, "{held:?}");
    assert_eq!(
        held.still_inside, 2,
        "both calls still held when the PINGs were answered"
    );
    assert_eq!(held.held_replies, ["VALUE value 0", "VALUE value 1"]);
}

#[test]
fn every_reply_is_the_inner_handlers() {
    within_limit("requests through Offload", || {
        let handler = Offload::new(
            Blocking { store: Store::default(), backend: Backend::open() },
            2,
        );
        let running = Running::start(handler, Config::default(), 2).unwrap();
        let mut client = connect_served(&running, 1).unwrap().remove(0);
        for (request, reply) in [
            ("SET colour deep blue", "OK"),
            ("GET colour", "VALUE deep blue"),
            ("DEL colour", "DELETED"),
            ("GET colour", "NONE"),
        ] {
            assert_eq!(
                client.request(request).unwrap().as_deref(),
                Some(reply),
                "{request}"
            );
        }
        drop(client);
        running.stop().unwrap();
    });
}

#[test]
fn a_call_past_the_limit_waits_for_a_permit_and_never_reaches_the_backend() {
    within_limit("a limit of one blocking call", || {
        let backend = Backend::closed();
        let handler = Offload::new(
            Blocking { store: Store::default(), backend: backend.clone() },
            1,
        );
        let config =
            Config { request_timeout: Duration::from_millis(200), ..Config::default() };
        let running = Running::start(handler, config, 2).unwrap();
        // Connected without a first PING: with a 200 ms timeout, a PING's
        // trip to the pool could time out on a loaded machine.
        let connect = || Client::connect(running.addr).unwrap();
        let mut clients = [connect(), connect()];
        clients[0].send("SET first 1").unwrap();
        assert!(
            backend.wait_until_inside(1, LIMIT),
            "the first SET never reached the backend"
        );
        // The first request gives up, but its call still holds the thread.
        assert_eq!(clients[0].reply().unwrap().as_deref(), Some("ERR request timeout"));
        // The second waits for the permit that call holds, and gives up too.
        let second = clients[1].request("SET second 2").unwrap();
        assert_eq!(second.as_deref(), Some("ERR request timeout"));
        assert_eq!(
            backend.calls(),
            1,
            "the second SET reached the backend past the limit"
        );
        backend.set_open(true);
        // The held call finishes and applies its SET; the second never ran.
        assert_eq!(answered(&mut clients[1], "GET first"), "VALUE 1");
        assert_eq!(answered(&mut clients[1], "GET second"), "NONE");
        assert_eq!(backend.most_inside(), 1);
        drop(clients);
        running.stop().unwrap();
    });
}

/// The reply to `request`, asked again while the short request timeout
/// answers it: on a loaded machine, a trip to the pool can take longer.
fn answered(client: &mut Client, request: &str) -> String {
    let start = Instant::now();
    loop {
        let reply = client.request(request).unwrap().expect("the server closed");
        if reply != "ERR request timeout" || start.elapsed() > LIMIT {
            return reply;
        }
    }
}
