//! The exercise of chapter 25 (Listing 25-11): `LineReader`. These tests
//! pass on the book's solution, `listings/src/in_depth/line_reader.rs`; on
//! the starter, `listings/exercises/in_depth/line_reader.rs`, run with
//! `cargo test -p listings --features starter --test exercise_line_reader`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use common::{on_current_thread, within_limit};
use listings::in_depth::line_reader::LineReader;
use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

/// Every line until the end, or the error that stopped the reading.
async fn all_lines(reader: &mut LineReader<DuplexStream>) -> Vec<String> {
    let mut lines = Vec::new();
    loop {
        match reader.next_line().await {
            Ok(Some(line)) => lines.push(line),
            Ok(None) => return lines,
            Err(error) => {
                lines.push(format!("error: {:?}", error.kind()));
                return lines;
            }
        }
    }
}

#[test]
fn lines_come_out_one_at_a_time_whatever_the_writes() {
    let lines = within_limit("reading lines", || {
        on_current_thread(async {
            let (mut writer, wire) = tokio::io::duplex(1024);
            let long = "x".repeat(200); // longer than any one read
            let text = format!("alpha\nbeta\n\n{long}\ngam");
            writer.write_all(text.as_bytes()).await.unwrap();
            writer.write_all(b"ma\n").await.unwrap();
            drop(writer);
            all_lines(&mut LineReader::new(wire)).await
        })
    });
    let long = "x".repeat(200);
    assert_eq!(lines, ["alpha", "beta", "", long.as_str(), "gamma"]);
}

#[test]
fn closed_in_the_middle_of_a_line_is_an_unexpected_eof() {
    let lines = within_limit("a cut line", || {
        on_current_thread(async {
            let (mut writer, wire) = tokio::io::duplex(64);
            writer.write_all(b"whole\nhal").await.unwrap();
            drop(writer);
            all_lines(&mut LineReader::new(wire)).await
        })
    });
    assert_eq!(lines, ["whole", "error: UnexpectedEof"]);
}

#[test]
fn a_next_line_dropped_mid_line_loses_nothing() {
    let line = within_limit("a dropped next_line", || {
        on_current_thread(async {
            let (mut writer, wire) = tokio::io::duplex(64);
            let mut reader = LineReader::new(wire);
            writer.write_all(b"hal").await.unwrap();
            {
                // One poll reads "hal", finds no `\n`, and waits: then drop it.
                let mut cx = Context::from_waker(Waker::noop());
                let first = pin!(reader.next_line()).poll(&mut cx);
                assert!(first.is_pending(), "there is no whole line yet");
            }
            writer.write_all(b"f\n").await.unwrap();
            reader.next_line().await.unwrap()
        })
    });
    assert_eq!(line.as_deref(), Some("half"));
}

#[test]
fn a_heartbeat_that_wins_a_select_between_two_halves_costs_no_line() {
    let seen = within_limit("a listener in select!", || {
        on_current_thread(async {
            let (mut writer, wire) = tokio::io::duplex(64);
            let (beat, mut beats) = mpsc::channel::<u32>(1);
            let (ack, mut acks) = mpsc::channel::<()>(1);
            let sensor = async move {
                writer.write_all(b"pi").await.unwrap();
                beat.send(1).await.unwrap();
                acks.recv().await; // the rest only after the heartbeat
                writer.write_all(b"ng\npong\n").await.unwrap();
            };
            let listener = async move {
                let mut reader = LineReader::new(wire);
                let mut seen = Vec::new();
                loop {
                    tokio::select! {
                        biased;
                        line = reader.next_line() => match line {
                            Ok(Some(line)) => seen.push(format!("line {line}")),
                            Ok(None) => break,
                            Err(error) => {
                                seen.push(format!("error {error}"));
                                break;
                            }
                        },
                        Some(beat) = beats.recv() => {
                            seen.push(format!("heartbeat {beat}"));
                            let _ = ack.send(()).await;
                        }
                    }
                }
                seen
            };
            tokio::join!(listener, sensor).0
        })
    });
    assert_eq!(seen, ["heartbeat 1", "line ping", "line pong"]);
}

#[test]
fn a_line_that_is_not_utf8_is_invalid_data() {
    let lines = within_limit("a line of bad bytes", || {
        on_current_thread(async {
            let (mut writer, wire) = tokio::io::duplex(64);
            writer.write_all(b"\xff\xfe\n").await.unwrap();
            drop(writer);
            all_lines(&mut LineReader::new(wire)).await
        })
    });
    assert_eq!(lines, ["error: InvalidData"]);
}
