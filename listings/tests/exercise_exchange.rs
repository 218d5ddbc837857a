//! The exercise of chapter 19 (Listing 19-8): `exchange`. These tests pass on
//! the book's solution, `listings/src/state_machines/exchange.rs`; on the
//! starter, `listings/exercises/state_machines/exchange.rs`, run with
//! `cargo test -p listings --features starter --test exercise_exchange`, they
//! fail until you have written it. Each test starts its own server on
//! 127.0.0.1.

mod common;

use std::io::ErrorKind;

use common::{on_current_thread, within_limit};
use listings::state_machines::exchange::exchange;
use listings::state_machines::fetch::Stage;
use listings::state_machines::server::{flood, hang_up, serve};
use tokio::net::TcpStream;

/// Connects to a new server that answers with `answer`, and runs one
/// exchange of `request`, under a time limit.
fn run(
    answer: fn(&[u8]) -> Vec<u8>,
    request: &'static [u8],
) -> Result<Vec<u8>, (Stage, ErrorKind)> {
    let address = serve(answer);
    within_limit("one exchange with a local server", move || {
        on_current_thread(async move {
            let stream =
                TcpStream::connect(address).await.expect("connect to 127.0.0.1");
            exchange(stream, request.to_vec()).await
        })
        .map_err(|error| (error.stage, error.source.kind()))
    })
}

#[test]
fn exchange_writes_the_request_and_reads_the_whole_answer() {
    assert_eq!(
        run(listings::state_machines::server::shout, b"hello\n"),
        Ok(b"HELLO\n".to_vec())
    );
}

#[test]
fn exchange_reads_an_answer_many_reads_long() {
    let dots = run(flood, b"more\n").expect("4 MiB of dots");
    assert_eq!(dots.len(), 4 << 20);
    assert!(dots.iter().all(|&byte| byte == b'.'));
}

#[test]
fn exchange_names_the_reading_stage_when_the_server_hangs_up() {
    assert_eq!(
        run(hang_up, b"hello\n"),
        Err((Stage::Reading, ErrorKind::UnexpectedEof))
    );
}

#[test]
fn exchange_starts_writing_and_ends_with_no_stage() {
    let address = serve(listings::state_machines::server::shout);
    let stages = within_limit("one exchange with a local server", move || {
        on_current_thread(async move {
            let stream =
                TcpStream::connect(address).await.expect("connect to 127.0.0.1");
            let mut exchanging = exchange(stream, b"hi\n".to_vec());
            let before = exchanging.stage();
            (&mut exchanging).await.expect("an answer");
            (before, exchanging.stage())
        })
    });
    assert_eq!(stages, (Some(Stage::Writing), None));
}
