//! The exercise of chapter 21 (Listing 21-5): `lines`, a `Stream` by hand.
//! These tests pass on the book's solution,
//! `listings/src/state_machines/lines.rs`; on the starter,
//! `listings/exercises/state_machines/lines.rs`, run with
//! `cargo test -p listings --features starter --test exercise_lines`, they
//! fail until you have written it. They poll by hand a reader in memory that
//! hands out its bytes in the pieces each test chooses.

use std::collections::VecDeque;
use std::io;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use futures::{Stream, StreamExt};
use listings::state_machines::lines::lines;
use tokio::io::{AsyncRead, ReadBuf};

/// What the reader does on each read, in order; after the last, it ends.
enum Step {
    Bytes(&'static [u8]),
    /// Not ready: wakes its waker at once (bytes "arrive" right away).
    Pending,
    Fail,
}

struct Pieces(VecDeque<Step>);

impl AsyncRead for Pieces {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.0.pop_front() {
            None => Poll::Ready(Ok(())),
            Some(Step::Bytes(bytes)) => {
                buf.put_slice(bytes);
                Poll::Ready(Ok(()))
            }
            Some(Step::Pending) => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Some(Step::Fail) => Poll::Ready(Err(io::Error::other("the reader broke"))),
        }
    }
}

/// What one poll of the stream gave, as text.
fn next(
    stream: Pin<&mut impl Stream<Item = io::Result<Vec<u8>>>>,
) -> Poll<Option<String>> {
    let mut cx = Context::from_waker(Waker::noop());
    stream.poll_next(&mut cx).map(|item| {
        item.map(|line| match line {
            Ok(line) => String::from_utf8(line).unwrap(),
            Err(error) => format!("error: {error}"),
        })
    })
}

fn ready(line: &str) -> Poll<Option<String>> {
    Poll::Ready(Some(line.to_string()))
}

#[test]
fn lines_yields_each_line_of_one_read_before_reading_again() {
    use Step::*;
    let reader = Pieces(VecDeque::from([Bytes(b"one\ntwo\n\nthree\n"), Pending]));
    let mut stream = pin!(lines(reader));
    assert_eq!(next(stream.as_mut()), ready("one"));
    assert_eq!(next(stream.as_mut()), ready("two"));
    assert_eq!(next(stream.as_mut()), ready(""), "an empty line is a line");
    assert_eq!(next(stream.as_mut()), ready("three"));
    assert_eq!(next(stream.as_mut()), Poll::Pending, "the reader's Pending");
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
}

#[test]
fn lines_joins_a_line_that_arrives_in_pieces() {
    use Step::*;
    let reader = Pieces(VecDeque::from([
        Bytes(b"he"),
        Pending,
        Bytes(b"llo\nwo"),
        Bytes(b"r"),
        Bytes(b"ld\n"),
    ]));
    let mut stream = pin!(lines(reader));
    assert_eq!(next(stream.as_mut()), Poll::Pending);
    assert_eq!(next(stream.as_mut()), ready("hello"));
    assert_eq!(next(stream.as_mut()), ready("world"));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
}

#[test]
fn lines_yields_a_last_line_without_its_newline() {
    use Step::*;
    let reader = Pieces(VecDeque::from([Bytes(b"a\nb")]));
    let mut stream = pin!(lines(reader));
    assert_eq!(next(stream.as_mut()), ready("a"));
    assert_eq!(next(stream.as_mut()), ready("b"));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
    let empty = pin!(lines(Pieces(VecDeque::new())));
    assert_eq!(next(empty), Poll::Ready(None), "no bytes, no lines");
}

#[test]
fn lines_ends_with_an_error_and_stays_ended() {
    use Step::*;
    // Bytes after the error must never be read.
    let reader = Pieces(VecDeque::from([Bytes(b"a\nhalf"), Fail, Bytes(b"b\n")]));
    let mut stream = pin!(lines(reader));
    assert_eq!(next(stream.as_mut()), ready("a"));
    assert_eq!(next(stream.as_mut()), ready("error: the reader broke"));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None), "None for good");
}

#[test]
fn lines_is_none_for_good_after_the_end() {
    use Step::*;
    // A reader that would have more after its end: the stream never asks.
    let reader = Pieces(VecDeque::from([Bytes(b"x\n"), Bytes(b""), Bytes(b"y\n")]));
    let mut stream = pin!(lines(reader));
    assert_eq!(next(stream.as_mut()), ready("x"));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
    assert_eq!(next(stream.as_mut()), Poll::Ready(None));
}

#[test]
fn lines_works_with_stream_combinators_under_an_executor() {
    let text: &[u8] = b"GET /\nHost: here\n\nbody";
    let collected: Vec<String> = futures::executor::block_on(
        lines(text).map(|line| String::from_utf8(line.unwrap()).unwrap()).collect(),
    );
    assert_eq!(collected, ["GET /", "Host: here", "", "body"]);
}
