//! Chapter 21: where the bytes of `fetch_async`'s future go. Each part is
//! measured on a value of the very type the future's state holds, made by
//! the same calls `fetch_async` makes.

use std::mem::{size_of, size_of_val};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, lookup_host};

use listings::state_machines::fetch_async::fetch_async;

// ANCHOR: layout
/// Sizes in bytes of `fetch_async`'s future and of what it saves.
pub struct Layout {
    pub whole: usize,
    /// The arguments as the caller passed them, kept for the whole life.
    pub arguments: usize,
    /// Saved at more than one await, so each has a slot of its own that
    /// every state reserves:
    /// `request` (at the lookup and the connect, for the write), `found`
    /// (at every await after the lookup: it has drop glue and its scope is
    /// the whole function), `stream` (at the write and the read).
    pub request: usize,
    pub found: usize,
    pub stream: usize,
    /// Saved at one await only: its sub-future, and at the read also the
    /// response buffer. These share bytes.
    pub at_lookup: usize,
    pub at_connect: usize,
    pub at_write: usize,
    pub at_read: usize,
}

impl Layout {
    /// The prefix: the arguments and the locals saved at several awaits.
    pub fn prefix(&self) -> usize {
        self.arguments + self.request + self.found + self.stream
    }

    /// The largest of the parts that are laid over each other.
    pub fn largest_await(&self) -> usize {
        [self.at_lookup, self.at_connect, self.at_write, self.at_read]
            .into_iter()
            .max()
            .unwrap_or(0)
    }
}

/// Runs the steps of `fetch_async` one by one against `address`, measuring
/// each value its future would save.
pub async fn measure(address: &str, request: &[u8]) -> Layout {
    let whole = size_of_val(&fetch_async(address, request));
    // The arguments are references: their own size, not what they point to.
    let arguments = size_of::<&str>() + size_of::<&[u8]>();

    let lookup = lookup_host(address);
    let at_lookup = size_of_val(&lookup);
    let mut found = lookup.await.expect("the address resolves");
    let connect = TcpStream::connect(found.next().expect("one address"));
    let at_connect = size_of_val(&connect);
    let mut stream = connect.await.expect("the server listens");
    let write = stream.write_all(request);
    let at_write = size_of_val(&write);
    write.await.expect("the request is written");
    let mut response = Vec::new();
    let response_size = size_of_val(&response);
    let read = stream.read_to_end(&mut response);
    let at_read = size_of_val(&read) + response_size;
    read.await.expect("the response is read");

    Layout {
        whole,
        arguments,
        request: size_of::<&[u8]>(),
        found: size_of_val(&found),
        stream: size_of_val(&stream),
        at_lookup,
        at_connect,
        at_write,
        at_read,
    }
}
// ANCHOR_END: layout
