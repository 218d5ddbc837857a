// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/state_machines/read_both.rs.
//! The exercise of chapter 16 and its solution (shown in the appendix):
//! `read_both`, two readings of the sensor driver in a row, as one
//! hand-written state machine.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use listings::oneshot::{self, Canceled};
use listings::state_machines::sensor::start_reading;

/// Reads channel `first`, then, once its value is in, channel `second`, and
/// is ready with both values. `ReadBoth::state` names the state it is in:
/// "not started", "reading the first", "reading the second" or "finished".
pub fn read_both(first: u8, second: u8) -> ReadBoth {
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace it
/// with the states `read_both` goes through, and write `poll` and `state`.
pub struct ReadBoth;

impl Future for ReadBoth {
    type Output = Result<(u16, u16), Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        todo!()
    }
}

impl ReadBoth {
    /// The name of the current state.
    pub fn state(&self) -> &'static str {
        todo!()
    }
}
