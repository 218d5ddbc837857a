//! Chapter 20: the client of chapter 19 with its sub-future stored inline
//! (no box), its buffers borrowed from the caller, and a budget of reads per
//! poll. The projections come from `pin-project-lite`: no `unsafe` here.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use tokio::net::TcpStream;

use listings::state_machines::fetch::{
    FetchError, Stage, closed_early, read_some, write_some,
};

// ANCHOR: states
pin_project! {
    /// Sends `request` and reads the whole response into a buffer the
    /// caller lends. `C` is the connect future, held inline in the state.
    pub struct FetchInline<'a, C> {
        #[pin]
        state: InlineState<'a, C>,
        read_budget: usize,
    }
}

pin_project! {
    #[project = StateProj]
    #[project_replace = StateOwned]
    enum InlineState<'a, C> {
        Resolving {
            address: &'a str,
            request: &'a [u8],
            response: &'a mut Vec<u8>,
            start_connect: fn(SocketAddr) -> C,
        },
        Connecting {
            #[pin]
            connect: C,
            request: &'a [u8],
            response: &'a mut Vec<u8>,
        },
        Writing {
            stream: TcpStream,
            request: &'a [u8],
            written: usize,
            response: &'a mut Vec<u8>,
        },
        Reading {
            stream: TcpStream,
            response: &'a mut Vec<u8>,
        },
        Done,
    }
}
// ANCHOR_END: states

/// Reads per poll before the fetch lets other tasks run.
pub const READ_BUDGET: usize = 16;

// ANCHOR: new
/// `address` must be an IP address and port: this variant resolves by
/// parsing only, which needs neither a thread nor an allocation. `response`
/// is cleared first, so one buffer can be lent to fetch after fetch.
pub fn fetch_inline<'a>(
    address: &'a str,
    request: &'a [u8],
    response: &'a mut Vec<u8>,
) -> FetchInline<'a, impl Future<Output = io::Result<TcpStream>>> {
    response.clear(); // a reused buffer holds only this response
    let start_connect = TcpStream::connect::<SocketAddr>;
    let state = InlineState::Resolving { address, request, response, start_connect };
    FetchInline { state, read_budget: READ_BUDGET }
}

impl<C> FetchInline<'_, C> {
    /// Sets the reads per poll; `None` reads for as long as data is there.
    /// A budget of 0 would never read, so it counts as 1.
    pub fn with_read_budget(mut self, budget: Option<usize>) -> Self {
        self.read_budget = budget.map_or(usize::MAX, |reads| reads.max(1));
        self
    }

    /// How many bytes of the response have arrived so far (0 once done).
    pub fn received(&self) -> usize {
        match &self.state {
            InlineState::Reading { response, .. } => response.len(),
            _ => 0,
        }
    }
}
// ANCHOR_END: new

// ANCHOR: poll
impl<C> Future for FetchInline<'_, C>
where
    C: Future<Output = io::Result<TcpStream>>,
{
    type Output = Result<usize, FetchError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut state = this.state;
        let mut reads = 0;
        let failure = loop {
            match state.as_mut().project() {
                StateProj::Resolving { address, .. } => match address.parse() {
                    Ok(address) => {
                        let StateOwned::Resolving {
                            request,
                            response,
                            start_connect,
                            ..
                        } = state.as_mut().project_replace(InlineState::Done)
                        else {
                            unreachable!("matched Resolving above")
                        };
                        let connect = start_connect(address);
                        state.set(InlineState::Connecting {
                            connect,
                            request,
                            response,
                        });
                    }
                    Err(error) => {
                        let error = io::Error::new(io::ErrorKind::InvalidInput, error);
                        break FetchError::at(Stage::Resolving)(error);
                    }
                },
                StateProj::Connecting { connect, .. } => match ready!(connect.poll(cx))
                {
                    Ok(stream) => {
                        let StateOwned::Connecting { request, response, .. } =
                            state.as_mut().project_replace(InlineState::Done)
                        else {
                            unreachable!("matched Connecting above")
                        };
                        state.set(InlineState::Writing {
                            stream,
                            request,
                            written: 0,
                            response,
                        });
                    }
                    Err(error) => break FetchError::at(Stage::Connecting)(error),
                },
                StateProj::Writing { stream, request, written, .. } => {
                    if *written < request.len() {
                        match ready!(write_some(stream, cx, &request[*written..])) {
                            Ok(n) => *written += n,
                            Err(error) => break FetchError::at(Stage::Writing)(error),
                        }
                    } else {
                        // All written (or nothing to write): on to reading.
                        let StateOwned::Writing { stream, response, .. } =
                            state.as_mut().project_replace(InlineState::Done)
                        else {
                            unreachable!("matched Writing above")
                        };
                        state.set(InlineState::Reading { stream, response });
                    }
                }
                StateProj::Reading { stream, response } => {
                    if reads == *this.read_budget {
                        // Budget spent: ask to be polled again, and let the
                        // executor run someone else first.
                        cx.waker().wake_by_ref();
                        return Poll::Pending;
                    }
                    reads += 1;
                    match ready!(read_some(stream, cx, response)) {
                        Ok(0) if response.is_empty() => {
                            break FetchError::at(Stage::Reading)(closed_early());
                        }
                        Ok(0) => {
                            let received = response.len();
                            state.set(InlineState::Done);
                            return Poll::Ready(Ok(received));
                        }
                        Ok(_) => {}
                        Err(error) => break FetchError::at(Stage::Reading)(error),
                    }
                }
                StateProj::Done => panic!("FetchInline polled after it completed"),
            }
        };
        state.set(InlineState::Done);
        Poll::Ready(Err(failure))
    }
}
// ANCHOR_END: poll

// Chapter 20: `FetchInline` is `Unpin` exactly when its connect future is;
// Tokio's connect future, an `async fn`'s, is not.
static_assertions::assert_not_impl_any!(FetchInline<'static, std::marker::PhantomPinned>: Unpin);
static_assertions::assert_impl_all!(FetchInline<'static, std::future::Pending<io::Result<TcpStream>>>: Unpin);
