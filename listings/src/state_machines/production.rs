//! Chapter 20: two production concerns, each as a function that measures
//! it. The examples print what they find; `tests/fetch_production.rs`
//! asserts it.

use std::future::{Future, poll_fn};
use std::io::{self, BufRead, BufReader, Read};
use std::net::TcpListener;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::task::Poll;
use std::thread;

use tokio::net::TcpStream;
use tokio::runtime::Runtime;

use listings::state_machines::counting_alloc::allocations_during;
use listings::state_machines::fetch::{Stage, fetch};
use listings::state_machines::fetch_inline::fetch_inline;
use listings::state_machines::server::{flood, serve, shout, write_and_close};

fn current_thread() -> Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

// ANCHOR: drop_midway
/// What the server sees after the client gave up: the stage the client was
/// in when dropped, and the server's next read on the connection.
pub struct AfterDrop {
    pub client_stage: Option<Stage>,
    pub server_read: io::Result<usize>,
}

/// Fetches from a server that reads the request and never answers. The
/// client gives up as soon as the server has the whole request, drops the
/// fetch, and reports what the server saw next.
pub fn drop_while_reading() -> AfterDrop {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (request_arrived, arrived) = tokio::sync::oneshot::channel();
    let (report, server_saw) = mpsc::channel();
    thread::spawn(move || {
        let (connection, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(connection);
        reader.read_until(b'\n', &mut Vec::new()).unwrap();
        request_arrived.send(()).unwrap(); // the whole request is here
        report.send(reader.read(&mut [0u8; 16])).unwrap(); // blocks until...
    });

    let client_stage = current_thread().block_on(async {
        let mut fetch = fetch(&address, b"slow answer please\n");
        tokio::select! {
            result = &mut fetch => panic!("this server never answers: {result:?}"),
            _ = arrived => {} // the caller stops waiting
        }
        let stage = fetch.stage();
        drop(fetch); // no Drop impl of ours: the TcpStream closes itself
        stage
    });
    let server_read = server_saw.recv().unwrap();
    AfterDrop { client_stage, server_read }
}
// ANCHOR_END: drop_midway

// ANCHOR: fairness
/// What a 4 MiB response did to its neighbour.
pub struct FloodReport {
    /// The most bytes the fetch read in a single poll.
    pub most_in_one_poll: usize,
    /// How often the ticker ran between the first byte and the last.
    pub ticker_turns_while_reading: u64,
}

/// Whether Tokio's own budget applies to the fetch's reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TokioBudget {
    On,
    Off,
}

/// Fetches 4 MiB on a current-thread runtime beside a ticker task that
/// counts its turns. With Tokio's own budget switched off (`unconstrained`),
/// only the fetch's budget can make it step aside.
pub fn flood_beside_a_ticker(
    budget: Option<usize>,
    tokio_budget: TokioBudget,
) -> FloodReport {
    let address = serve(flood).to_string();
    current_thread().block_on(async move {
        let turns = Arc::new(AtomicU64::new(0));
        let ticker = tokio::spawn(count_turns(Arc::clone(&turns)));

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
        let received = match tokio_budget {
            TokioBudget::On => watched.await,
            TokioBudget::Off => tokio::task::coop::unconstrained(watched).await,
        };
        let received = received.unwrap();
        assert_eq!(received, 4 << 20, "the whole flood arrives");

        let now = turns.load(Ordering::Relaxed);
        ticker.abort();
        let ticker_turns_while_reading = now - turns_at_first_byte.unwrap_or(now);
        FloodReport { most_in_one_poll, ticker_turns_while_reading }
    })
}

/// A task that counts its turns and yields after each one.
async fn count_turns(turns: Arc<AtomicU64>) {
    loop {
        turns.fetch_add(1, Ordering::Relaxed);
        tokio::task::yield_now().await;
    }
}
// ANCHOR_END: fairness

// ANCHOR: waiting
/// Fetches 32 KiB that the server wrote in full, and then closed the
/// connection, before the fetch's first read. Returns the most bytes that
/// one poll of the fetch read.
pub fn a_response_already_waiting(budget: Option<usize>) -> usize {
    let (address, written) = write_and_close(vec![b'.'; 32 << 10]);
    let address = address.to_string();
    current_thread().block_on(async move {
        let mut response = Vec::new();
        let fetch = fetch_inline(&address, b"", &mut response);
        let mut fetch = pin!(fetch.with_read_budget(budget));
        // One poll starts the connection; it cannot finish before the
        // runtime has seen the socket become connected.
        let first = poll_fn(|cx| Poll::Ready(fetch.as_mut().poll(cx))).await;
        assert!(first.is_pending(), "connected within the first poll");
        written.await.expect("the server wrote the response");

        let mut most_in_one_poll = 0;
        let received = poll_fn(|cx| {
            let before = fetch.received();
            let poll = fetch.as_mut().poll(cx);
            let after = match &poll {
                Poll::Ready(Ok(total)) => *total,
                _ => fetch.received(),
            };
            most_in_one_poll = most_in_one_poll.max(after - before);
            poll
        });
        assert_eq!(received.await.unwrap(), 32 << 10, "the whole response arrives");
        most_in_one_poll
    })
}
// ANCHOR_END: waiting

// ANCHOR: allocations
/// Allocations made on this thread by ROUNDS requests, for three ways to
/// talk to the same server. Counts only in a program whose
/// `#[global_allocator]` is `CountingAllocator`.
pub struct Allocations {
    /// Tokio opening and closing one connection, and nothing else.
    pub socket_only: usize,
    pub inline: usize,
    pub boxed: usize,
    /// Building a `Fetch`, before its first poll.
    pub boxed_before_polling: usize,
}

pub const ROUNDS: usize = 20;

pub fn allocations_of_requests() -> Allocations {
    let address = serve(shout).to_string();
    let address = address.as_str();
    let socket_only = counted_rounds(|runtime| {
        runtime.block_on(async {
            drop(TcpStream::connect(address).await.unwrap());
        })
    });
    let mut response = Vec::with_capacity(64); // lent to every inline fetch
    let inline = counted_rounds(|runtime| {
        runtime.block_on(fetch_inline(address, b"inline\n", &mut response)).unwrap();
    });
    let boxed = counted_rounds(|runtime| {
        runtime.block_on(fetch(address, b"boxed\n")).unwrap();
    });
    let boxed_before_polling = counted_rounds(|_| drop(fetch(address, b"boxed\n")));
    Allocations { socket_only, inline, boxed, boxed_before_polling }
}

/// Runs `request` ROUNDS times to warm up, then ROUNDS times counting, all
/// on one current-thread runtime, so the runtime's own set-up is not
/// counted. Returns the count for all ROUNDS, not divided.
fn counted_rounds(mut request: impl FnMut(&Runtime)) -> usize {
    let runtime = current_thread();
    (0..ROUNDS).for_each(|_| request(&runtime));
    let ((), total) =
        allocations_during(|| (0..ROUNDS).for_each(|_| request(&runtime)));
    total
}
// ANCHOR_END: allocations
