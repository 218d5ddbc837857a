// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/exchange.rs.
//! The exercise of chapter 19 and its solution (shown in the appendix):
//! `exchange`, the last two stages of the client on a stream already open.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::net::TcpStream;

use listings::state_machines::fetch::{
    FetchError, Stage, closed_early, read_some, write_some,
};

/// Writes all of `request` to `stream`, then reads until the server closes
/// the connection, and is ready with what it read. An error names the stage
/// it happened in, `Stage::Writing` or `Stage::Reading`; so does
/// `Exchange::stage`, with `None` once the exchange is over.
pub fn exchange(stream: TcpStream, request: Vec<u8>) -> Exchange {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace it
/// with the states `exchange` goes through, and write `poll` and `stage`.
pub struct Exchange;

impl Exchange {
    /// The stage the exchange is in, or `None` once it is over.
    pub fn stage(&self) -> Option<Stage> {
        todo!()
    }
}

impl Future for Exchange {
    type Output = Result<Vec<u8>, FetchError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}
