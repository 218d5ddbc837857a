//! Chapter 38's line codec: bad input becomes a kind of line, and a line
//! that arrives in pieces, or across a dropped `next()`, is read whole.

mod common;

use futures::{FutureExt, StreamExt};
use listings::ship::lines::{Line, LineCodec};
use tokio::io::AsyncWriteExt;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, FramedRead};

/// Feeds `chunks` to a codec one at a time, as reads would, then the end of
/// the stream, and collects every line it yields.
fn lines_of(max: usize, chunks: &[&[u8]]) -> Vec<Line> {
    let mut codec = LineCodec::new(max);
    let mut buffer = BytesMut::new();
    let mut lines = Vec::new();
    for chunk in chunks {
        buffer.extend_from_slice(chunk);
        while let Some(line) = codec.decode(&mut buffer).unwrap() {
            lines.push(line);
        }
    }
    while let Some(line) = codec.decode_eof(&mut buffer).unwrap() {
        lines.push(line);
    }
    lines
}

fn text(line: &str) -> Line {
    Line::Text(line.into())
}

#[test]
fn lines_end_at_newline_and_a_carriage_return_before_it_is_dropped() {
    assert_eq!(
        lines_of(16, &[b"PING\nGET k\r\n", b"\n"]),
        [text("PING"), text("GET k"), text("")]
    );
}

#[test]
fn a_line_of_exactly_the_limit_is_read_and_one_byte_more_is_too_long() {
    assert_eq!(lines_of(4, &[b"abcd\n"]), [text("abcd")]);
    assert_eq!(lines_of(4, &[b"abcde\n"]), [Line::TooLong]);
}

#[test]
fn a_line_too_long_is_one_answer_and_the_next_line_reads_fine() {
    let long = [b'x'; 100];
    assert_eq!(
        lines_of(16, &[&long, &long, &long, b"x\nPING\n"]),
        [Line::TooLong, text("PING")]
    );
}

#[test]
fn a_line_too_long_keeps_no_more_than_the_limit_in_the_buffer() {
    let mut codec = LineCodec::new(16);
    let mut buffer = BytesMut::new();
    for _ in 0..100 {
        buffer.extend_from_slice(&[b'x'; 1000]);
        assert_eq!(codec.decode(&mut buffer).unwrap(), None);
        assert!(buffer.len() <= 16, "{} bytes kept", buffer.len());
    }
    buffer.extend_from_slice(b"\nPING\n");
    assert_eq!(codec.decode(&mut buffer).unwrap(), Some(Line::TooLong));
    assert_eq!(codec.decode(&mut buffer).unwrap(), Some(text("PING")));
}

#[test]
fn bytes_that_are_not_utf8_are_one_line_and_reading_goes_on() {
    assert_eq!(
        lines_of(16, &[b"SET city Z\xfcrich\n", b"PING\n"]),
        [Line::NotUtf8, text("PING")]
    );
}

#[test]
fn a_stream_that_ends_halfway_through_a_line_ends_unfinished() {
    assert_eq!(
        lines_of(16, &[b"SET a 1\nSET b 2"]),
        [text("SET a 1"), Line::Unfinished]
    );
    assert_eq!(lines_of(4, &[b"far too long"]), [Line::Unfinished]);
    assert_eq!(lines_of(16, &[b"PING\n"]), [text("PING")]);
    assert_eq!(lines_of(16, &[]), []);
}

#[test]
fn a_dropped_next_loses_no_part_of_the_line() {
    common::on_current_thread(async {
        let (mut client, server) = tokio::io::duplex(64);
        let mut lines = FramedRead::new(server, LineCodec::new(64));
        client.write_all(b"SET greeting hello,").await.unwrap();
        // Polled once and dropped: the half line was read into `lines`.
        assert!(lines.next().now_or_never().is_none());
        assert_eq!(lines.read_buffer().as_ref(), b"SET greeting hello,");
        client.write_all(b" world\n").await.unwrap();
        assert_eq!(
            lines.next().await.unwrap().unwrap(),
            text("SET greeting hello, world")
        );
    });
}
