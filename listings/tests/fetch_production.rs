//! Chapter 20: dropping a fetch midway closes its connection, and a budget
//! of reads per poll keeps a large response from starving other tasks.

use std::future::poll_fn;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::pin::pin;
use std::task::Poll;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use listings::state_machines::fetch::{Stage, fetch};
use listings::state_machines::fetch_inline::{READ_BUDGET, fetch_inline};
use listings::state_machines::server::{flood, serve};

mod common;
use common::{LIMIT, within_limit};

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

// ANCHOR: drop_midway
#[test]
fn dropping_a_fetch_midway_closes_the_connection() {
    // A server that reads the request, never answers, and reports what it
    // sees next on the connection.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (seen, server_saw) = mpsc::channel();
    thread::spawn(move || {
        let (connection, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(connection);
        reader.read_until(b'\n', &mut Vec::new()).unwrap();
        let after_request = reader.read(&mut [0u8; 16]);
        seen.send(after_request.map_err(|error| error.kind())).unwrap();
    });

    let stage = within_limit("a fetch given up after 200 ms", move || {
        current_thread().block_on(async {
            let mut fetch = fetch(&address, b"slow answer please\n");
            let gave_up = tokio::time::timeout(Duration::from_millis(200), &mut fetch).await;
            assert!(gave_up.is_err(), "the server never answers");
            let stage = fetch.stage();
            drop(fetch); // no Drop impl: the TcpStream in the state closes itself
            stage
        })
    });
    assert_eq!(stage, Some(Stage::Reading));
    // Ok(0) is end of stream: the client closed the connection.
    assert_eq!(server_saw.recv_timeout(LIMIT), Ok(Ok(0)));
}
// ANCHOR_END: drop_midway

// ANCHOR: fairness
/// Fetches a 4 MiB response on a current-thread runtime beside a ticker task
/// that counts its turns. Tokio's own budget is switched off
/// (`unconstrained`), so only the fetch's budget can make it step aside.
/// Returns the most bytes one poll read, and the ticker's turns between the
/// first byte of the response and the last.
fn flood_beside_a_ticker(budget: Option<usize>) -> (usize, u64) {
    let address = serve(flood).to_string();
    current_thread().block_on(async move {
        let turns = Arc::new(AtomicU64::new(0));
        let ticker = tokio::spawn({
            let turns = Arc::clone(&turns);
            async move {
                loop {
                    turns.fetch_add(1, Ordering::Relaxed);
                    tokio::task::yield_now().await;
                }
            }
        });
        let mut response = Vec::new();
        let fetch = fetch_inline(&address, b"flood\n", &mut response);
        let mut fetch = pin!(fetch.with_read_budget(budget));
        let (mut most_in_one_poll, mut turns_at_first_byte) = (0, None);
        let watched = poll_fn(|cx| {
            let before = fetch.received();
            if before > 0 && turns_at_first_byte.is_none() {
                turns_at_first_byte = Some(turns.load(Ordering::Relaxed));
            }
            let poll = fetch.as_mut().poll(cx);
            let after = match &poll {
                Poll::Ready(Ok(total)) => *total,
                _ => fetch.received(),
            };
            most_in_one_poll = most_in_one_poll.max(after - before);
            poll
        });
        let received = tokio::task::unconstrained(watched).await.unwrap();
        assert_eq!(received, 4 << 20);
        let turns_while_reading =
            turns.load(Ordering::Relaxed) - turns_at_first_byte.unwrap_or(turns.load(Ordering::Relaxed));
        ticker.abort();
        (most_in_one_poll, turns_while_reading)
    })
}

#[test]
fn a_read_budget_bounds_each_poll_and_lets_the_ticker_run() {
    let (with_budget, without_budget) = within_limit("two floods", || {
        (flood_beside_a_ticker(Some(READ_BUDGET)), flood_beside_a_ticker(None))
    });
    println!("with budget: {with_budget:?}, without: {without_budget:?}");
    let budget_bytes = READ_BUDGET * 1024; // 1 KiB per read
    let (most, turns) = with_budget;
    assert!(most <= budget_bytes, "a poll read {most} bytes, past its budget");
    // 4 MiB in polls of at most 16 KiB is at least 256 polls, with a turn
    // for the ticker after each budget-ended one.
    assert!(turns >= 100, "the ticker ran only {turns} times while the response arrived");
    let (most, _) = without_budget;
    assert!(most > 4 * budget_bytes, "without a budget one poll read only {most} bytes");
}
// ANCHOR_END: fairness
