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

// ANCHOR: solution
// ANCHOR: exercise
/// Writes all of `request` to `stream`, then reads until the server closes
/// the connection, and is ready with what it read. An error names the stage
/// it happened in, `Stage::Writing` or `Stage::Reading`; so does
/// `Exchange::stage`, with `None` once the exchange is over.
pub fn exchange(stream: TcpStream, request: Vec<u8>) -> Exchange {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Exchange::Writing { stream, request, written: 0 }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// The stream passes from state to state; each state holds its own buffer.
pub enum Exchange {
    Writing { stream: TcpStream, request: Vec<u8>, written: usize },
    Reading { stream: TcpStream, response: Vec<u8> },
    Done,
}

impl Exchange {
    /// The stage the exchange is in, or `None` once it is over.
    pub fn stage(&self) -> Option<Stage> {
        match self {
            Exchange::Writing { .. } => Some(Stage::Writing),
            Exchange::Reading { .. } => Some(Stage::Reading),
            Exchange::Done => None,
        }
    }
}

impl Future for Exchange {
    type Output = Result<Vec<u8>, FetchError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self; // every field is `Unpin`
        loop {
            match this {
                Exchange::Writing { stream, request, written }
                    if *written < request.len() =>
                {
                    match ready!(write_some(stream, cx, &request[*written..])) {
                        Ok(n) => *written += n,
                        Err(error) => return this.fail(Stage::Writing, error),
                    }
                }
                Exchange::Writing { .. } => {
                    // All written: move the stream on, leaving `Done` behind.
                    let Exchange::Writing { stream, .. } =
                        mem::replace(this, Exchange::Done)
                    else {
                        unreachable!("matched Writing above")
                    };
                    *this = Exchange::Reading { stream, response: Vec::new() };
                }
                Exchange::Reading { stream, response } => {
                    match ready!(read_some(stream, cx, response)) {
                        Ok(0) if response.is_empty() => {
                            return this.fail(Stage::Reading, closed_early());
                        }
                        Ok(0) => {
                            let response = mem::take(response);
                            *this = Exchange::Done;
                            return Poll::Ready(Ok(response));
                        }
                        Ok(_) => {} // read again
                        Err(error) => return this.fail(Stage::Reading, error),
                    }
                }
                Exchange::Done => panic!("Exchange polled after it completed"),
            }
        }
    }
}

impl Exchange {
    /// Ends the exchange with an error of `stage`.
    fn fail(
        &mut self,
        stage: Stage,
        error: std::io::Error,
    ) -> Poll<Result<Vec<u8>, FetchError>> {
        *self = Exchange::Done;
        Poll::Ready(Err(FetchError::at(stage)(error)))
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace it
// /// with the states `exchange` goes through, and write `poll` and `stage`.
// pub struct Exchange;
//
// impl Exchange {
//     /// The stage the exchange is in, or `None` once it is over.
//     pub fn stage(&self) -> Option<Stage> {
//         todo!()
//     }
// }
//
// impl Future for Exchange {
//     type Output = Result<Vec<u8>, FetchError>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
