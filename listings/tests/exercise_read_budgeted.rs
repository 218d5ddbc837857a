//! The exercise of chapter 20 (Listing 20-12): `read_budgeted`. These tests
//! pass on the book's solution, `listings/src/state_machines/read_budgeted.rs`;
//! on the starter, `listings/exercises/state_machines/read_budgeted.rs`, run
//! with `cargo test -p listings --features starter --test exercise_read_budgeted`,
//! they fail until you have written it. They poll by hand, with a reader in
//! memory that counts its reads, so every count they check is exact.

mod common;

use std::future::Future;
use std::io;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use common::counting_waker;
use listings::state_machines::read_budgeted::read_budgeted;
use tokio::io::{AsyncRead, ReadBuf};

/// Bytes in memory, always ready, that count the reads made of them. After
/// the bytes, the reader ends, or fails if `fail_at_end`.
struct Counted {
    bytes: &'static [u8],
    reads: Arc<AtomicUsize>,
    fail_at_end: bool,
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        if self.bytes.is_empty() && self.fail_at_end {
            return Poll::Ready(Err(io::Error::other("the reader broke")));
        }
        Pin::new(&mut self.bytes).poll_read(cx, buf)
    }
}

static TEN_KIB: [u8; 10 << 10] = [b'x'; 10 << 10];

/// Polls `read_budgeted` of `bytes` until it is ready (at most 100 polls),
/// and returns its output, the reads each poll made, and the wakes.
fn run(
    bytes: &'static [u8],
    budget: usize,
    fail_at_end: bool,
) -> (io::Result<Vec<u8>>, Vec<usize>, usize) {
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = Counted { bytes, reads: Arc::clone(&reads), fail_at_end };
    let (wakes, waker) = counting_waker();
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(read_budgeted(reader, budget));
    let mut per_poll = Vec::new();
    for _ in 0..100 {
        let before = reads.load(Ordering::SeqCst);
        let poll = future.as_mut().poll(&mut cx);
        per_poll.push(reads.load(Ordering::SeqCst) - before);
        if let Poll::Ready(output) = poll {
            return (output, per_poll, wakes.count());
        }
    }
    panic!("not ready after 100 polls; reads per poll: {per_poll:?}");
}

#[test]
fn read_budgeted_reads_every_byte_to_the_end() {
    let (output, _, _) = run(&TEN_KIB, 100, false);
    assert_eq!(output.unwrap(), TEN_KIB.to_vec());
    let (output, _, _) = run(b"", 100, false);
    assert_eq!(output.unwrap(), Vec::<u8>::new(), "an empty reader ends at once");
}

#[test]
fn read_budgeted_spends_its_whole_budget_and_no_more_in_one_poll() {
    // 10 reads of 1 KiB, then the empty read that ends it: 11 reads.
    let (output, per_poll, _) = run(&TEN_KIB, 4, false);
    assert_eq!(output.unwrap().len(), 10 << 10);
    assert_eq!(per_poll, [4, 4, 3], "reads made by each poll");
}

#[test]
fn read_budgeted_wakes_itself_each_time_it_steps_aside() {
    // Without the wake, an executor would never poll it again.
    let (_, per_poll, wakes) = run(&TEN_KIB, 4, false);
    assert_eq!(wakes, per_poll.len() - 1, "one wake for each Pending");
}

#[test]
fn read_budgeted_counts_a_budget_of_zero_as_one() {
    let (output, per_poll, wakes) = run(&TEN_KIB[..2048], 0, false);
    assert_eq!(output.unwrap().len(), 2048);
    assert_eq!(per_poll, [1, 1, 1]);
    assert_eq!(wakes, 2);
}

#[test]
fn read_budgeted_is_ready_with_the_readers_error() {
    let (output, per_poll, _) = run(&TEN_KIB[..3072], 16, true);
    assert_eq!(output.unwrap_err().to_string(), "the reader broke");
    assert_eq!(per_poll, [4], "three reads of bytes, then the error");
}
