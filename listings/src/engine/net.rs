//! Chapter 28: a `TcpListener` and a `TcpStream` of our own, on the reactor.
//! Each operation tries the socket; on `WouldBlock` it clears the readiness it
//! used, stores the task's waker in the socket's entry, and returns `Pending`.

use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use mio::Token;
use mio::event::Source;

use listings::engine::reactor::{Direction, Entry, IoHandle};
use listings::engine::runtime::Handle;

// ANCHOR: registration
/// A socket's place in the reactor: its token, its entry, and the reactor.
struct Registration {
    token: Token,
    entry: Arc<Entry>,
    io: Arc<IoHandle>,
}

impl Registration {
    fn new(source: &mut impl Source, io: &Arc<IoHandle>) -> io::Result<Registration> {
        let (token, entry) = io.register(source)?;
        let io = Arc::clone(io);
        Ok(Registration { token, entry, io })
    }

    /// Runs `operation` once the entry says `direction` is ready, and again
    /// after each `WouldBlock` that did not find a newer event; returns
    /// `Pending`, with the waker stored, once there is no readiness left.
    fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut operation: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            let event = ready!(self.entry.poll_ready(cx, direction));
            match operation() {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.entry.clear_readiness(event);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                result => return Poll::Ready(result),
            }
        }
    }
}
// ANCHOR_END: registration

// ANCHOR: listener
/// A listening socket on the reactor.
pub struct TcpListener {
    inner: mio::net::TcpListener,
    registration: Registration,
}

impl TcpListener {
    /// Binds to `addr` and registers with `handle`'s reactor. A port that is
    /// taken fails here, with `AddrInUse`.
    pub fn bind<T>(addr: SocketAddr, handle: &Handle<T>) -> io::Result<TcpListener> {
        let mut inner = mio::net::TcpListener::bind(addr)?;
        let registration = Registration::new(&mut inner, handle.io())?;
        Ok(TcpListener { inner, registration })
    }

    /// The address it listens on (with the port the system chose for port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }

    /// Accepts a connection if one is waiting; otherwise stores the task's
    /// waker and returns `Pending`.
    /// The new connection is registered with the listener's reactor.
    pub fn poll_accept(
        &self,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<(TcpStream, SocketAddr)>> {
        let (stream, peer) =
            ready!(
                self.registration.poll_io(cx, Direction::Read, || self.inner.accept())
            )?;
        let io = &self.registration.io;
        Poll::Ready(TcpStream::from_mio(stream, io).map(|stream| (stream, peer)))
    }

    /// The next connection, and the address of its peer.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        poll_fn(|cx| self.poll_accept(cx)).await
    }
}
// ANCHOR_END: listener

// ANCHOR: drop
impl Drop for TcpListener {
    fn drop(&mut self) {
        let Registration { io, token, .. } = &self.registration;
        // Fails only if the socket was never registered; nothing to undo then.
        let _ = io.deregister(&mut self.inner, *token);
    }
}
// ANCHOR_END: drop

// ANCHOR: stream
/// A connected socket on the reactor.
pub struct TcpStream {
    inner: mio::net::TcpStream,
    registration: Registration,
}

impl TcpStream {
    fn from_mio(
        mut inner: mio::net::TcpStream,
        io: &Arc<IoHandle>,
    ) -> io::Result<TcpStream> {
        let registration = Registration::new(&mut inner, io)?;
        Ok(TcpStream { inner, registration })
    }

    /// Takes over a connected standard socket: makes it non-blocking and
    /// registers it with `handle`'s reactor.
    pub fn from_std<T>(
        stream: std::net::TcpStream,
        handle: &Handle<T>,
    ) -> io::Result<TcpStream> {
        stream.set_nonblocking(true)?;
        TcpStream::from_mio(mio::net::TcpStream::from_std(stream), handle.io())
    }

    /// Reads what the socket holds into `buf`, or stores the waker and
    /// returns `Pending` if it holds nothing. `Ok(0)` means the peer closed
    /// its half (or `buf` is empty, which returns at once).
    pub fn poll_read(
        &self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        self.registration.poll_io(cx, Direction::Read, || (&self.inner).read(buf))
    }

    /// Writes as much of `buf` as the socket takes now, or stores the waker
    /// and returns `Pending` if its buffer is full.
    pub fn poll_write(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        self.registration.poll_io(cx, Direction::Write, || (&self.inner).write(buf))
    }
}
// ANCHOR_END: stream

// ANCHOR: stream_async
impl TcpStream {
    /// Reads some bytes into `buf`; `Ok(0)` at the end of the stream.
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        poll_fn(|cx| self.poll_read(cx, buf)).await
    }

    /// Writes all of `buf`, waiting for buffer space as often as needed.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let written = poll_fn(|cx| self.poll_write(cx, buf)).await?;
            if written == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            buf = &buf[written..];
        }
        Ok(())
    }

    /// Closes the writing half: the peer reads `Ok(0)` once it has read
    /// everything sent before. Reading still works.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.inner.shutdown(Shutdown::Write)
    }

    /// The address of the other end.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.inner.peer_addr()
    }

    /// The address of this end.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        let Registration { io, token, .. } = &self.registration;
        let _ = io.deregister(&mut self.inner, *token);
    }
}
// ANCHOR_END: stream_async

// ANCHOR: connect
impl TcpStream {
    /// Connects to `addr` without blocking the thread: starts the connect,
    /// then waits until the socket is writable and the connection is made,
    /// or reports why it failed (`ConnectionRefused`, ...).
    pub async fn connect<T>(
        addr: SocketAddr,
        handle: &Handle<T>,
    ) -> io::Result<TcpStream> {
        let stream =
            TcpStream::from_mio(mio::net::TcpStream::connect(addr)?, handle.io())?;
        poll_fn(|cx| {
            stream.registration.poll_io(cx, Direction::Write, || {
                if let Some(error) = stream.inner.take_error()? {
                    return Err(error);
                }
                match stream.inner.peer_addr() {
                    Ok(_) => Ok(()),
                    // Writable too early, not connected yet: wait for the next event.
                    Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(e) => Err(e),
                }
            })
        })
        .await?;
        Ok(stream)
    }
}
// ANCHOR_END: connect

impl TcpStream {
    /// This socket's token in the reactor (for tests that deliver events by
    /// hand).
    pub fn token(&self) -> Token {
        self.registration.token
    }
}
