// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/engine/udp.rs.
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

/// Your socket. This placeholder only lets the starter compile: give it
/// the fields it needs, and a `Drop` that leaves the reactor.
pub struct UdpSocket;

impl UdpSocket {
    /// Binds to `addr` and registers with `handle`'s reactor. Dropping the
    /// socket deregisters it.
    pub fn bind<T>(addr: SocketAddr, handle: &Handle<T>) -> io::Result<UdpSocket> {
        todo!()
    }

    /// The address it is bound to (with the port the system chose for 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        todo!()
    }

    /// Receives one datagram into `buf`, with its sender's address, or
    /// stores the task's waker and returns `Pending` if none is waiting.
    pub fn poll_recv_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<(usize, SocketAddr)>> {
        todo!()
    }

    /// Sends `buf` as one datagram to `target`, waiting for room if the
    /// socket's buffer is full.
    pub fn poll_send_to(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
        target: SocketAddr,
    ) -> Poll<io::Result<usize>> {
        todo!()
    }
}

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
