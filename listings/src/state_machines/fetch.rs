//! Chapter 19: a multi-stage network client as one hand-written future:
//! resolve, connect, write the whole request, read to the end.

use std::fmt;
use std::future::Future;
use std::io;
use std::mem;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

// ANCHOR: error
/// The stages of a fetch, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Resolving,
    Connecting,
    Writing,
    Reading,
}

/// A failed fetch: which stage failed, and the I/O error it met.
#[derive(Debug)]
pub struct FetchError {
    pub stage: Stage,
    pub source: io::Error,
}

impl FetchError {
    pub fn at(stage: Stage) -> impl FnOnce(io::Error) -> FetchError {
        move |source| FetchError { stage, source }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cause is not repeated here: `source()` hands it out.
        write!(f, "fetch failed while {:?}", self.stage)
    }
}

impl std::error::Error for FetchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An error for a server that closed the connection without answering.
pub fn closed_early() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed without answering")
}
// ANCHOR_END: error

// ANCHOR: states
/// A sub-future on the heap: any future with this output, behind one type.
type Boxed<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

/// Sends `request` to `address` and reads the whole response.
pub struct Fetch {
    state: State,
}

enum State {
    Resolving { lookup: Boxed<SocketAddr>, request: Vec<u8> },
    Connecting { connect: Boxed<TcpStream>, request: Vec<u8> },
    Writing { stream: TcpStream, request: Vec<u8>, written: usize },
    Reading { stream: TcpStream, response: Vec<u8> },
    Done,
}

impl Fetch {
    /// The stage the fetch is in, or `None` once it has completed.
    pub fn stage(&self) -> Option<Stage> {
        match self.state {
            State::Resolving { .. } => Some(Stage::Resolving),
            State::Connecting { .. } => Some(Stage::Connecting),
            State::Writing { .. } => Some(Stage::Writing),
            State::Reading { .. } => Some(Stage::Reading),
            State::Done => None,
        }
    }
}
// ANCHOR_END: states

// ANCHOR: new
pub fn fetch(address: &str, request: &[u8]) -> Fetch {
    let address = address.to_owned();
    let lookup = Box::pin(async move {
        let mut found = tokio::net::lookup_host(address).await?;
        found.next().ok_or_else(|| io::Error::other("the name has no address"))
    });
    Fetch { state: State::Resolving { lookup, request: request.to_vec() } }
}
// ANCHOR_END: new

// ANCHOR: poll
impl Future for Fetch {
    type Output = Result<Vec<u8>, FetchError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self; // `Fetch` is `Unpin`: every field may move
        loop {
            let result = match &mut this.state {
                State::Resolving { lookup, request } => {
                    ready!(lookup.as_mut().poll(cx))
                        .map(|address| {
                            let request = mem::take(request);
                            let connect = Box::pin(TcpStream::connect(address));
                            State::Connecting { connect, request }
                        })
                        .map_err(FetchError::at(Stage::Resolving))
                }
                State::Connecting { connect, request } => {
                    ready!(connect.as_mut().poll(cx))
                        .map(|stream| {
                            let request = mem::take(request);
                            State::Writing { stream, request, written: 0 }
                        })
                        .map_err(FetchError::at(Stage::Connecting))
                }
                State::Writing { stream, request, written }
                    if *written < request.len() =>
                {
                    match ready!(write_some(stream, cx, &request[*written..])) {
                        Ok(n) => {
                            *written += n;
                            continue; // write the rest, or move on, in the arm below
                        }
                        Err(error) => Err(FetchError::at(Stage::Writing)(error)),
                    }
                }
                State::Writing { .. } => {
                    // All written (or nothing to write): the stream moves on.
                    let State::Writing { stream, .. } =
                        mem::replace(&mut this.state, State::Done)
                    else {
                        unreachable!("matched Writing above")
                    };
                    Ok(State::Reading { stream, response: Vec::new() })
                }
                State::Reading { stream, response } => {
                    match ready!(read_some(stream, cx, response)) {
                        Ok(0) if response.is_empty() => {
                            Err(FetchError::at(Stage::Reading)(closed_early()))
                        }
                        Ok(0) => {
                            let response = mem::take(response);
                            this.state = State::Done;
                            return Poll::Ready(Ok(response));
                        }
                        Ok(_) => continue, // read again, same state
                        Err(error) => Err(FetchError::at(Stage::Reading)(error)),
                    }
                }
                State::Done => panic!("Fetch polled after it completed"),
            };
            match result {
                Ok(next) => this.state = next,
                Err(error) => {
                    this.state = State::Done;
                    return Poll::Ready(Err(error));
                }
            }
        }
    }
}
// ANCHOR_END: poll

// ANCHOR: io
/// One `poll_write` on the stream: how many bytes it took, or Pending.
pub fn write_some(
    stream: &mut TcpStream,
    cx: &mut Context<'_>,
    bytes: &[u8],
) -> Poll<io::Result<usize>> {
    match ready!(Pin::new(stream).poll_write(cx, bytes)) {
        Ok(0) => Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
        other => Poll::Ready(other),
    }
}

/// One `poll_read` on the stream, appended to `response`: how many bytes
/// arrived (0 at the end of the stream), or Pending.
pub fn read_some(
    stream: &mut TcpStream,
    cx: &mut Context<'_>,
    response: &mut Vec<u8>,
) -> Poll<io::Result<usize>> {
    let mut chunk = [0u8; 1024];
    let mut chunk = ReadBuf::new(&mut chunk);
    ready!(Pin::new(stream).poll_read(cx, &mut chunk))?;
    response.extend_from_slice(chunk.filled());
    Poll::Ready(Ok(chunk.filled().len()))
}
// ANCHOR_END: io

// Chapter 19 relies on it: boxes and streams move freely, so `Fetch` does.
static_assertions::assert_impl_all!(Fetch: Unpin);
