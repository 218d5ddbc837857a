//! The exercise of chapter 28 and its solution (shown in the appendix): a
//! `UdpSocket` on the reactor, built from the same pieces as `TcpStream`.

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use mio::Token;

use listings::engine::reactor::{Direction, Entry, IoHandle};
use listings::engine::runtime::Handle;

// ANCHOR: solution
// ANCHOR: cut
/// A UDP socket on the reactor.
pub struct UdpSocket {
    inner: mio::net::UdpSocket,
    token: Token,
    entry: Arc<Entry>,
    io: Arc<IoHandle>,
}

impl UdpSocket {
    /// Listing 28-8's loop: the operation once the entry says `direction`
    /// is ready, again after each `WouldBlock` that found no newer event.
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

impl Drop for UdpSocket {
    fn drop(&mut self) {
        let _ = self.io.deregister(&mut self.inner, self.token);
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your socket. This placeholder only lets the starter compile: give it
// /// the fields it needs, and a `Drop` that leaves the reactor.
// pub struct UdpSocket;
// ANCHOR_END: starter

// ANCHOR: solution
// ANCHOR: exercise
impl UdpSocket {
    /// Binds to `addr` and registers with `handle`'s reactor. Dropping the
    /// socket deregisters it.
    pub fn bind<T>(addr: SocketAddr, handle: &Handle<T>) -> io::Result<UdpSocket> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        let mut inner = mio::net::UdpSocket::bind(addr)?;
        let io = Arc::clone(handle.io());
        let (token, entry) = io.register(&mut inner)?;
        Ok(UdpSocket { inner, token, entry, io })
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// The address it is bound to (with the port the system chose for 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.inner.local_addr()
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Receives one datagram into `buf`, with its sender's address, or
    /// stores the task's waker and returns `Pending` if none is waiting.
    pub fn poll_recv_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<(usize, SocketAddr)>> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.poll_io(cx, Direction::Read, || self.inner.recv_from(buf))
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }

    /// Sends `buf` as one datagram to `target`, waiting for room if the
    /// socket's buffer is full.
    pub fn poll_send_to(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
        target: SocketAddr,
    ) -> Poll<io::Result<usize>> {
        // ANCHOR_END: exercise
        // ANCHOR: todo
        self.poll_io(cx, Direction::Write, || self.inner.send_to(buf, target))
        // ANCHOR_END: todo
        // ANCHOR: exercise
    }
}
// ANCHOR_END: exercise
// ANCHOR_END: solution

impl UdpSocket {
    /// `poll_recv_from` as an `async fn`.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        poll_fn(|cx| self.poll_recv_from(cx, buf)).await
    }

    /// `poll_send_to` as an `async fn`.
    pub async fn send_to(&self, buf: &[u8], target: SocketAddr) -> io::Result<usize> {
        poll_fn(|cx| self.poll_send_to(cx, buf, target)).await
    }
}
