//! Clients for Part VIII's tests: blocking std sockets on threads of their
//! own, so they share no code with the server they judge. Every step has a
//! limit, and an error names the client and the step.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use listings::engine::echo_clients::{Gate, small_thread};

/// How long any one step of a client may take before it fails: generous,
/// so that a loaded machine does not fail a test that is right.
pub const STEP_LIMIT: Duration = Duration::from_secs(10);

// ANCHOR: client
/// One connection, one line at a time.
pub struct Client {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Client {
    /// Connects, with [`STEP_LIMIT`] on the connect and on every read and write.
    pub fn connect(addr: SocketAddr) -> io::Result<Client> {
        let stream = TcpStream::connect_timeout(&addr, STEP_LIMIT)?;
        stream.set_read_timeout(Some(STEP_LIMIT))?;
        stream.set_write_timeout(Some(STEP_LIMIT))?;
        stream.set_nodelay(true)?;
        let reader = BufReader::new(stream.try_clone()?);
        Ok(Client { writer: stream, reader })
    }

    /// Sends one line; `\n` is added.
    pub fn send(&mut self, line: &str) -> io::Result<()> {
        self.writer.write_all(format!("{line}\n").as_bytes())
    }

    /// Sends raw bytes as they are, for bad input.
    pub fn send_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.write_all(bytes)
    }

    /// The next line from the server, without its `\n`; `None` once the
    /// server has closed.
    pub fn reply(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        match self.reader.read_line(&mut line)? {
            0 => Ok(None),
            _ => Ok(Some(line.trim_end_matches('\n').to_string())),
        }
    }

    /// Sends `line` and waits for its reply.
    pub fn request(&mut self, line: &str) -> io::Result<Option<String>> {
        self.send(line)?;
        self.reply()
    }

    /// Closes the writing side: the server reads the end of the stream.
    pub fn finish(&self) -> io::Result<()> {
        self.writer.shutdown(Shutdown::Write)
    }

    /// Sets the limit on the next reads (a test that waits for silence
    /// sets it short).
    pub fn set_read_limit(&self, limit: Duration) -> io::Result<()> {
        self.writer.set_read_timeout(Some(limit))
    }

    /// The socket itself, for tests that need more (a reset, say).
    pub fn stream(&self) -> &TcpStream {
        &self.writer
    }
}
// ANCHOR_END: client

// ANCHOR: many
/// Runs `clients` clients at once, each on its own thread: each connects,
/// waits until all have connected, then runs `script` with its number.
/// Returns each client's result, in client order, or the first error,
/// naming the client.
pub fn many<T: Send>(
    addr: SocketAddr,
    clients: usize,
    script: impl Fn(usize, &mut Client) -> io::Result<T> + Sync,
) -> io::Result<Vec<T>> {
    let connected = Gate::new(clients);
    thread::scope(|scope| {
        let running: Vec<_> = (0..clients)
            .map(|id| {
                let (connected, script) = (&connected, &script);
                small_thread().spawn_scoped(scope, move || {
                    let client = Client::connect(addr);
                    connected.arrive(); // even on failure: the others must not wait for us
                    let mut client = client.map_err(|e| failed(id, "connect", e))?;
                    connected
                        .wait()
                        .map_err(|e| failed(id, "wait for the others", e))?;
                    script(id, &mut client).map_err(|e| failed(id, "script", e))
                })
            })
            .collect::<io::Result<_>>()?;
        running.into_iter().map(|client| client.join().unwrap()).collect()
    })
}
// ANCHOR_END: many

/// An error that says which client failed, at which step. A read that ran
/// into its limit reads as the limit (Linux reports it as `WouldBlock`).
pub fn failed(id: usize, step: &str, error: io::Error) -> io::Error {
    let timed_out =
        matches!(error.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
    let why = match timed_out {
        true => format!("nothing happened within the limit ({error})"),
        false => error.to_string(),
    };
    io::Error::new(error.kind(), format!("client {id}: {step}: {why}"))
}

/// What a client of [`load`] saw.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// Requests that got the reply they should have.
    pub answered: usize,
    /// Requests whose reply was not the one the store owes: `(request, reply)`.
    pub wrong: Vec<(String, String)>,
    /// How long each request took, from its first byte sent to its reply read.
    pub latencies: Vec<Duration>,
}

// ANCHOR: load
/// The load: `clients` clients at once, each doing `rounds` rounds of
/// `SET`, `GET` and `DEL` on keys of its own, so every reply is known in
/// advance and checked. Fails if any client fails or the server closes early.
pub fn load(addr: SocketAddr, clients: usize, rounds: usize) -> io::Result<Seen> {
    let per_client = many(addr, clients, |id, client| {
        let mut seen = Seen::default();
        for round in 0..rounds {
            let (key, value) =
                (format!("c{id}-k{round}"), format!("value {id} {round}"));
            let script = [
                (format!("SET {key} {value}"), "OK".to_string()),
                (format!("GET {key}"), format!("VALUE {value}")),
                (format!("DEL {key}"), "DELETED".to_string()),
                (format!("GET {key}"), "NONE".to_string()),
            ];
            for (request, expected) in script {
                let start = Instant::now();
                let reply = client.request(&request)?.ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("closed before {request:?}"),
                    )
                })?;
                seen.latencies.push(start.elapsed());
                match reply == expected {
                    true => seen.answered += 1,
                    false => seen.wrong.push((request, reply)),
                }
            }
        }
        match client.request("QUIT")? {
            Some(bye) if bye == "BYE" => Ok(seen),
            other => Err(io::Error::other(format!("QUIT answered {other:?}"))),
        }
    })?;
    let mut all = Seen::default();
    for seen in per_client {
        all.answered += seen.answered;
        all.wrong.extend(seen.wrong);
        all.latencies.extend(seen.latencies);
    }
    Ok(all)
}
// ANCHOR_END: load
