//! The measurements of chapter 40: the load on a handler, and the same
//! clients while a handler is stuck. Tests assert what these return, and
//! the chapter's programs print it.

use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};

use listings::ship::broken::audit_lock::Audited;
use listings::ship::broken::blocking::{Backend, Blocking};
use listings::ship::clients::{Client, STEP_LIMIT, Seen, failed, load};
use listings::ship::config::Config;
use listings::ship::protocol::Command;
use listings::ship::running::Running;
use listings::ship::server::Summary;
use listings::ship::store::{Handler, Store};

// ANCHOR: loaded
/// What a load did: what the clients saw, what the server counted, and how
/// long it took (printed by `ci/load.sh`, never asserted).
pub struct Loaded {
    pub seen: Seen,
    pub summary: Summary,
    pub elapsed: Duration,
}

/// `clients` clients of `rounds` rounds each against `handler`, served on
/// `workers` worker threads.
pub fn load_on<H: Handler>(
    handler: H,
    workers: usize,
    clients: usize,
    rounds: usize,
) -> io::Result<Loaded> {
    let running = Running::start(handler, Config::default(), workers)?;
    let start = Instant::now();
    let seen = load(running.addr, clients, rounds)?;
    let elapsed = start.elapsed();
    let summary = running.stop()?;
    Ok(Loaded { seen, summary, elapsed })
}
// ANCHOR_END: loaded

/// Connects `count` clients and checks that each is served (`PING`, `PONG`).
pub fn connect_served(running: &Running, count: usize) -> io::Result<Vec<Client>> {
    (0..count)
        .map(|id| {
            let mut client =
                Client::connect(running.addr).map_err(|e| failed(id, "connect", e))?;
            expect(&mut client, "PING", "PONG")
                .map_err(|e| failed(id, "first PING", e))?;
            Ok(client)
        })
        .collect()
}

fn expect(client: &mut Client, request: &str, reply: &str) -> io::Result<()> {
    match client.request(request)? {
        Some(got) if got == reply => Ok(()),
        got => Err(io::Error::other(format!(
            "{request:?} answered {got:?}, not {reply:?}"
        ))),
    }
}

// ANCHOR: answered_within
/// Sends `request` on every client, then counts the replies equal to
/// `reply` that arrive within `window` of the last send.
pub fn answered_within(
    clients: &mut [Client],
    request: &str,
    reply: &str,
    window: Duration,
) -> io::Result<Vec<bool>> {
    for client in clients.iter_mut() {
        client.send(request)?;
    }
    replies_within(clients, reply, window)
}

/// Reads one line from each client, all within one `window` from now:
/// whether it came, and was `reply`. The ones that did not come are still
/// owed.
pub fn replies_within(
    clients: &mut [Client],
    reply: &str,
    window: Duration,
) -> io::Result<Vec<bool>> {
    let deadline = Instant::now() + window;
    let mut answered = Vec::new();
    for client in clients.iter_mut() {
        let left = deadline.saturating_duration_since(Instant::now());
        client.set_read_limit(left.max(Duration::from_millis(1)))?;
        answered.push(match client.reply() {
            Ok(got) => got.as_deref() == Some(reply),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                false
            }
            Err(e) => return Err(e),
        });
        client.set_read_limit(STEP_LIMIT)?;
    }
    Ok(answered)
}
// ANCHOR_END: answered_within

/// Reads the reply each client in `owing` still owes, with the usual limit,
/// and counts those equal to `reply`.
pub fn late_replies(
    clients: &mut [Client],
    owing: &[bool],
    reply: &str,
) -> io::Result<usize> {
    let mut matching = 0;
    for (client, answered) in clients.iter_mut().zip(owing) {
        if !answered && client.reply()?.as_deref() == Some(reply) {
            matching += 1;
        }
    }
    Ok(matching)
}

fn expect_reply(client: &mut Client, reply: &str) -> io::Result<()> {
    match client.reply()? {
        Some(got) if got == reply => Ok(()),
        got => Err(io::Error::other(format!("answered {got:?}, not {reply:?}"))),
    }
}

fn count(answered: &[bool]) -> usize {
    answered.iter().filter(|&&yes| yes).count()
}

// ANCHOR: held
/// What the PING clients saw while two calls were held in the backend.
#[derive(Debug)]
pub struct Held {
    pub pings: usize,
    /// PINGs answered while both calls were inside the backend.
    pub answered_while_held: usize,
    /// Calls still inside the backend once the PINGs were counted.
    pub still_inside: usize,
    /// PINGs answered after the backend opened.
    pub answered_after: usize,
    /// What the two held `GET`s were answered, in the end.
    pub held_replies: Vec<String>,
}

/// Two clients `GET` keys through a closed backend; once both calls are
/// inside it, `pings` other clients send `PING` and wait `window` for the
/// answer. Then the backend opens. `wrap` picks the handler around
/// `Blocking`, and `config` its limits.
pub fn hold_two_calls<H: Handler>(
    wrap: impl FnOnce(Blocking) -> H,
    config: Config,
    pings: usize,
    window: Duration,
) -> io::Result<Held> {
    let store = Store::default();
    for id in 0..2 {
        store.apply(Command::Set(format!("slow-{id}"), format!("value {id}")));
    }
    let backend = Backend::closed();
    let handler = wrap(Blocking { store, backend: backend.clone() });
    let running = Running::start(handler, config, 2)?;
    let mut ping_clients = connect_served(&running, pings)?;
    let mut slow = connect_served(&running, 2)?;
    for (id, client) in slow.iter_mut().enumerate() {
        client.send(&format!("GET slow-{id}"))?;
        reach_backend(&running, &backend, id + 1)?;
    }
    let answered = answered_within(&mut ping_clients, "PING", "PONG", window)?;
    let still_inside = backend.inside();
    backend.set_open(true);
    let answered_after = late_replies(&mut ping_clients, &answered, "PONG")?;
    let mut held_replies = Vec::new();
    for client in &mut slow {
        held_replies.push(client.reply()?.unwrap_or_else(|| "(closed)".into()));
    }
    drop((ping_clients, slow));
    running.stop()?;
    Ok(Held {
        pings,
        answered_while_held: count(&answered),
        still_inside,
        answered_after,
        held_replies,
    })
}
// ANCHOR_END: held

// ANCHOR: reach_backend
/// Waits until `inside` calls are inside the backend. While one worker is
/// stuck in a call, the other may be asleep with nobody turning the I/O
/// driver, and then the next request's bytes wait in the kernel. A task
/// spawned from outside the runtime wakes a sleeping worker, which turns
/// the driver when it parks again; so spawn an empty one until the call
/// arrives.
fn reach_backend(
    running: &Running,
    backend: &Backend,
    inside: usize,
) -> io::Result<()> {
    let start = Instant::now();
    while !backend.wait_until_inside(inside, Duration::from_millis(20)) {
        if start.elapsed() > STEP_LIMIT {
            return Err(io::Error::other(format!(
                "{inside} calls never reached the backend"
            )));
        }
        running.handle().spawn(async {});
    }
    Ok(())
}
// ANCHOR_END: reach_backend

// ANCHOR: stalled
/// What the clients saw while one `SET` held the audit log's lock.
#[derive(Debug)]
pub struct Stalled {
    pub pings: usize,
    pub pings_answered: usize,
    pub sets: usize,
    /// `SET`s answered `OK` within the window, the sink stalled.
    pub sets_answered_while_stalled: usize,
    /// `SET`s answered `OK` once the sink was read again.
    pub sets_answered_after: usize,
    /// Records the sink received, in the end.
    pub records: usize,
}

/// One `SET` takes the audit log's lock and stalls in its write, since
/// nobody reads the sink (a pipe that holds one byte). Then `sets` more
/// clients `SET`, and `pings` clients `PING`. Then the sink is read.
pub fn stall_audit(sets: usize, pings: usize, window: Duration) -> io::Result<Stalled> {
    let (sink, collector) = tokio::io::duplex(1);
    let audited = Audited::new(Store::default(), sink);
    // A request timeout that must not fire while the test counts, even on
    // a loaded machine: the SETs are meant to wait for the sink.
    let patient = Config { request_timeout: 3 * STEP_LIMIT, ..Config::default() };
    let running = Running::start(audited.clone(), patient, 2)?;
    let mut holder = connect_served(&running, 1)?.remove(0);
    let mut set_clients = connect_served(&running, sets)?;
    let mut ping_clients = connect_served(&running, pings)?;
    holder.send("SET first 1")?;
    let start = Instant::now();
    while !audited.is_locked() {
        if start.elapsed() > STEP_LIMIT {
            return Err(io::Error::other(
                "the first SET never took the audit log's lock",
            ));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    for (id, client) in set_clients.iter_mut().enumerate() {
        client.send(&format!("SET key-{id} value"))?;
    }
    let pinged = answered_within(&mut ping_clients, "PING", "PONG", STEP_LIMIT)?;
    let answered = replies_within(&mut set_clients, "OK", window)?;
    let records = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&records);
    running.handle().spawn(async move {
        let mut lines = BufReader::new(collector).lines();
        while let Ok(Some(_record)) = lines.next_line().await {
            *counted.lock().unwrap() += 1;
        }
    });
    expect_reply(&mut holder, "OK")?;
    let sets_answered_after = late_replies(&mut set_clients, &answered, "OK")?;
    let start = Instant::now();
    while *records.lock().unwrap() < 1 + sets && start.elapsed() < STEP_LIMIT {
        std::thread::sleep(Duration::from_millis(1));
    }
    drop((holder, set_clients, ping_clients));
    running.stop()?;
    let records = *records.lock().unwrap();
    Ok(Stalled {
        pings,
        pings_answered: count(&pinged),
        sets,
        sets_answered_while_stalled: count(&answered),
        sets_answered_after,
        records,
    })
}
// ANCHOR_END: stalled
