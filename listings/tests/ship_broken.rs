//! Chapter 40's broken handlers, each with the failure as a number. Every
//! verdict is ordered by causes: "nothing answered" is checked only while
//! nothing *can* answer, and "everything answered" before the stall ends.

mod common;

use std::time::Duration;

use common::within_limit;
use listings::ship::broken::blocking::{Backend, Blocking, Offloaded};
use listings::ship::broken::measure::{hold_two_calls, stall_audit};
use listings::ship::clients::Client;
use listings::ship::config::Config;
use listings::ship::running::Running;
use listings::ship::store::Store;

const PINGS: usize = 100;
/// How long the PINGs get while nothing can answer them.
const WINDOW: Duration = Duration::from_millis(300);

/// A request timeout shorter than the time the calls are held.
fn short_request_timeout() -> Config {
    Config { request_timeout: Duration::from_millis(100), ..Config::default() }
}

/// A request timeout that must not fire, even on a loaded machine.
fn patient() -> Config {
    Config { request_timeout: common::LIMIT, ..Config::default() }
}

#[test]
fn two_blocked_calls_stop_both_workers_and_no_ping_is_answered() {
    let held = within_limit("two blocked calls", || {
        hold_two_calls(|blocking| blocking, short_request_timeout(), PINGS, WINDOW)
    })
    .unwrap();
    assert_eq!(held.answered_while_held, 0, "{held:?}");
    assert_eq!(
        held.answered_after, PINGS,
        "every PING is answered once the calls return"
    );
}

#[test]
fn a_blocked_call_outlives_its_request_timeout_and_answers_anyway() {
    // The calls were held for more than WINDOW (300 ms), three times the
    // request timeout, and still answered their value: the timer never
    // got a thread to fire on.
    let held = within_limit("two blocked calls", || {
        hold_two_calls(|blocking| blocking, short_request_timeout(), PINGS, WINDOW)
    })
    .unwrap();
    assert_eq!(held.held_replies, ["VALUE value 0", "VALUE value 1"]);
}

#[test]
fn with_spawn_blocking_every_ping_is_answered_while_both_calls_hold() {
    let held = within_limit("two calls on the blocking pool", || {
        hold_two_calls(Offloaded, patient(), PINGS, common::LIMIT)
    })
    .unwrap();
    assert_eq!(held.answered_while_held, PINGS, "{held:?}");
    assert_eq!(
        held.still_inside, 2,
        "both calls still held when the PINGs were answered"
    );
    assert_eq!(held.held_replies, ["VALUE value 0", "VALUE value 1"]);
}

#[test]
fn with_spawn_blocking_the_request_timeout_fires_on_a_held_call() {
    within_limit("a call held on the blocking pool", || {
        let backend = Backend::closed();
        let handler =
            Offloaded(Blocking { store: Store::default(), backend: backend.clone() });
        let running = Running::start(handler, short_request_timeout(), 2).unwrap();
        let mut client = Client::connect(running.addr).unwrap();
        client.send("GET key").unwrap();
        // The timeout answers while the call is still inside the backend:
        // only the backend opening could end it.
        assert_eq!(client.reply().unwrap().as_deref(), Some("ERR request timeout"));
        assert_eq!(backend.inside(), 1, "the pool thread is still in the call");
        backend.set_open(true);
        // Still serving: a PING goes through the pool too, so on a loaded
        // machine its own short timeout may answer first; ask again.
        let start = std::time::Instant::now();
        while client.request("PING").unwrap().as_deref() != Some("PONG") {
            assert!(
                start.elapsed() < common::LIMIT,
                "no PONG within {:?}",
                common::LIMIT
            );
        }
        drop(client);
        running.stop().unwrap();
    });
}

#[test]
fn a_stalled_audit_write_holds_every_set_behind_the_lock_while_pings_answer() {
    let stalled =
        within_limit("a stalled audit log", || stall_audit(PINGS, PINGS, WINDOW))
            .unwrap();
    assert_eq!(stalled.pings_answered, PINGS, "{stalled:?}");
    assert_eq!(stalled.sets_answered_while_stalled, 0, "{stalled:?}");
    assert_eq!(stalled.sets_answered_after, PINGS, "{stalled:?}");
    assert_eq!(stalled.records, PINGS + 1, "every SET's record, the first one's too");
}
