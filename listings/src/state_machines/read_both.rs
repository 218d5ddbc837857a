//! The exercise of chapter 16 and its solution (shown in the appendix):
//! `read_both`, two readings of the sensor driver in a row, as one
//! hand-written state machine.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use listings::oneshot::{self, Canceled};
use listings::state_machines::sensor::start_reading;

// ANCHOR: solution
// ANCHOR: exercise
/// Reads channel `first`, then, once its value is in, channel `second`, and
/// is ready with both values. `ReadBoth::state` names the state it is in:
/// "not started", "reading the first", "reading the second" or "finished".
pub fn read_both(first: u8, second: u8) -> ReadBoth {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    ReadBoth::NotStarted { first, second }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// Each state holds what the rest of the work needs: the second channel
/// while the first is read, the first value while the second is.
pub enum ReadBoth {
    NotStarted { first: u8, second: u8 },
    First { reply: oneshot::Receiver<u16>, second: u8 },
    Second { first_value: u16, reply: oneshot::Receiver<u16> },
    Finished,
}

/// Asks the driver for one reading; the receiver gets its value.
fn ask(channel: u8) -> oneshot::Receiver<u16> {
    let (sender, reply) = oneshot::channel();
    start_reading(channel, move |value| sender.send(value));
    reply
}

impl Future for ReadBoth {
    type Output = Result<(u16, u16), Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            match &mut *self {
                ReadBoth::NotStarted { first, second } => {
                    *self = ReadBoth::First { reply: ask(*first), second: *second };
                }
                ReadBoth::First { reply, second } => {
                    let first_value = match Pin::new(reply).poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Err(canceled)) => {
                            *self = ReadBoth::Finished;
                            return Poll::Ready(Err(canceled));
                        }
                        Poll::Ready(Ok(value)) => value,
                    };
                    // Started only now: the bus takes one measurement at a time.
                    *self = ReadBoth::Second { first_value, reply: ask(*second) };
                }
                ReadBoth::Second { first_value, reply } => {
                    let Poll::Ready(second_value) = Pin::new(reply).poll(cx) else {
                        return Poll::Pending;
                    };
                    let both = second_value.map(|second| (*first_value, second));
                    *self = ReadBoth::Finished;
                    return Poll::Ready(both);
                }
                ReadBoth::Finished => panic!("ReadBoth polled after it completed"),
            }
        }
    }
}

impl ReadBoth {
    /// The name of the current state.
    pub fn state(&self) -> &'static str {
        match self {
            ReadBoth::NotStarted { .. } => "not started",
            ReadBoth::First { .. } => "reading the first",
            ReadBoth::Second { .. } => "reading the second",
            ReadBoth::Finished => "finished",
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace it
// /// with the states `read_both` goes through, and write `poll` and `state`.
// pub struct ReadBoth;
//
// impl Future for ReadBoth {
//     type Output = Result<(u16, u16), Canceled>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
//
// impl ReadBoth {
//     /// The name of the current state.
//     pub fn state(&self) -> &'static str {
//         todo!()
//     }
// }
// ANCHOR_END: starter
