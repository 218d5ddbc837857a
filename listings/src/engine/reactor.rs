//! Chapter 28: a reactor. A table from mio tokens to per-socket entries,
//! each holding the socket's readiness and the wakers of the task that reads
//! it and the task that writes it; `turn` blocks in mio's `poll`, then sets
//! readiness and wakes.

use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use mio::event::Source;
use mio::{Events, Interest, Registry, Token};

// ANCHOR: direction
/// Which half of a socket a task waits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Reading, and accepting on a listener.
    Read,
    /// Writing, and finishing a connect.
    Write,
}

/// The readiness the reactor has recorded for one socket: two bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ready {
    /// A read (or accept) may make progress: bytes, a close, or an error.
    pub readable: bool,
    /// A write may make progress: buffer space, a close, or an error.
    pub writable: bool,
}

impl Ready {
    /// Readiness for reading only.
    pub const READABLE: Ready = Ready { readable: true, writable: false };
    /// Readiness for writing only.
    pub const WRITABLE: Ready = Ready { readable: false, writable: true };

    /// What one mio event says. A closed half or an error counts as ready:
    /// the operation will not block, it will report the close or the error.
    pub fn from_event(event: &mio::event::Event) -> Ready {
        Ready {
            readable: event.is_readable() || event.is_read_closed() || event.is_error(),
            writable: event.is_writable()
                || event.is_write_closed()
                || event.is_error(),
        }
    }

    fn has(self, direction: Direction) -> bool {
        match direction {
            Direction::Read => self.readable,
            Direction::Write => self.writable,
        }
    }
}
// ANCHOR_END: direction

// ANCHOR: entry
/// One registered socket: its readiness, a tick counting the events that
/// set it, and the wakers of the tasks waiting on each half.
#[derive(Default)]
pub struct Entry {
    state: Mutex<EntryState>,
}

#[derive(Default)]
struct EntryState {
    ready: Ready,
    /// One more for every event the reactor delivers to this entry.
    tick: u64,
    reader: Option<Waker>,
    writer: Option<Waker>,
}

/// What `poll_ready` saw: the tick of the readiness it found, so that
/// `clear_readiness` can tell whether an event came in after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadyEvent {
    /// The entry's tick when readiness was read.
    pub tick: u64,
    /// The half that was ready.
    pub direction: Direction,
}
// ANCHOR_END: entry

// ANCHOR: set_readiness
impl Entry {
    /// What the reactor does with an event for this entry: records the
    /// readiness, counts one more tick, and wakes the tasks waiting on a half
    /// that became ready. Returns how many wakers it woke.
    pub fn set_readiness(&self, ready: Ready) -> usize {
        let mut woken = Vec::new();
        {
            let mut state = self.state.lock().unwrap();
            state.tick += 1;
            state.ready.readable |= ready.readable;
            state.ready.writable |= ready.writable;
            if ready.readable {
                woken.extend(state.reader.take());
            }
            if ready.writable {
                woken.extend(state.writer.take());
            }
        } // the lock is released before any waker runs
        let count = woken.len();
        woken.into_iter().for_each(Waker::wake);
        count
    }
}
// ANCHOR_END: set_readiness

// ANCHOR: racy
/// The two steps of a `poll_ready` written the obvious way, each under a lock
/// of its own, and a clear that forgets what it saw. Shown to be wrong by
/// `listings/tests/engine_reactor.rs`; only the tests and
/// `listings/examples/reactor_race.rs` use them.
impl Entry {
    /// Step 1: is this half ready?
    pub fn is_ready(&self, direction: Direction) -> bool {
        self.state.lock().unwrap().ready.has(direction)
    }

    /// Step 2, if it was not: store the waker, to be woken by the next event.
    pub fn store_waker(&self, direction: Direction, waker: &Waker) {
        let mut state = self.state.lock().unwrap();
        *state.slot(direction) = Some(waker.clone());
    }

    /// After `WouldBlock`: forget this half's readiness, whatever set it.
    pub fn clear_blindly(&self, direction: Direction) {
        let mut state = self.state.lock().unwrap();
        match direction {
            Direction::Read => state.ready.readable = false,
            Direction::Write => state.ready.writable = false,
        }
    }
}
// ANCHOR_END: racy

// ANCHOR: poll_ready
impl Entry {
    /// Ready with the current tick if `direction` is ready; otherwise stores
    /// the task's waker and returns `Pending`. Looking and storing happen
    /// under one lock, the lock `set_readiness` takes, so an event lands
    /// either before (and is seen here) or after (and finds the waker).
    pub fn poll_ready(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
    ) -> Poll<ReadyEvent> {
        let mut state = self.state.lock().unwrap();
        if state.ready.has(direction) {
            return Poll::Ready(ReadyEvent { tick: state.tick, direction });
        }
        match state.slot(direction) {
            Some(stored) if stored.will_wake(cx.waker()) => {}
            slot => *slot = Some(cx.waker().clone()),
        }
        Poll::Pending
    }

    /// After the operation returned `WouldBlock`: clears the readiness
    /// `event` reported, unless an event has arrived since (the tick moved
    /// on), in which case the socket may have become ready again, and the
    /// readiness stays.
    pub fn clear_readiness(&self, event: ReadyEvent) {
        let mut state = self.state.lock().unwrap();
        if state.tick == event.tick {
            match event.direction {
                Direction::Read => state.ready.readable = false,
                Direction::Write => state.ready.writable = false,
            }
        }
    }
}

impl EntryState {
    fn slot(&mut self, direction: Direction) -> &mut Option<Waker> {
        match direction {
            Direction::Read => &mut self.reader,
            Direction::Write => &mut self.writer,
        }
    }
}
// ANCHOR_END: poll_ready

impl Entry {
    /// Takes the stored wakers out (when the socket is dropped).
    fn take_wakers(&self) -> [Option<Waker>; 2] {
        let mut state = self.state.lock().unwrap();
        [state.reader.take(), state.writer.take()]
    }
}

// ANCHOR: reactor
/// The token of the `mio::Waker` another thread uses to end a `poll`.
/// Sockets get tokens from 1 up, each new, never reused.
pub const WAKE_TOKEN: Token = Token(0);

/// The reactor's shared half: what sockets and other threads use.
pub struct IoHandle {
    registry: Registry,
    entries: Mutex<HashMap<Token, Arc<Entry>>>,
    next_token: AtomicUsize,
    waker: mio::Waker,
}

/// The reactor's own half, which only the run loop touches: mio's `Poll`
/// (whose `poll` needs `&mut`) and the buffer of events.
pub struct Reactor {
    poll: mio::Poll,
    events: Events,
    handle: Arc<IoHandle>,
}
// ANCHOR_END: reactor

// ANCHOR: register
impl IoHandle {
    /// Registers `source` for reads and writes under a new token, and gives
    /// back the token and its entry. The entry starts with no readiness: the
    /// first event sets it (on Linux, epoll looks at the socket when it is
    /// added, so a socket that is ready already gets an event at once).
    pub fn register(
        &self,
        source: &mut impl Source,
    ) -> io::Result<(Token, Arc<Entry>)> {
        let token = Token(self.next_token.fetch_add(1, Ordering::Relaxed));
        let entry = Arc::new(Entry::default());
        self.entries.lock().unwrap().insert(token, Arc::clone(&entry));
        let interest = Interest::READABLE | Interest::WRITABLE;
        if let Err(error) = self.registry.register(source, token, interest) {
            self.entries.lock().unwrap().remove(&token);
            return Err(error);
        }
        Ok((token, entry))
    }

    /// Deregisters `source` and removes its entry. An event for `token` that
    /// mio had already queued finds no entry, and the reactor ignores it.
    pub fn deregister(&self, source: &mut impl Source, token: Token) -> io::Result<()> {
        let entry = self.entries.lock().unwrap().remove(&token);
        // Dropped with no lock held: a waker may be the last handle to a
        // task, whose future may own sockets that deregister in turn.
        drop(entry.map(|entry| entry.take_wakers()));
        self.registry.deregister(source)
    }
}
// ANCHOR_END: register

// ANCHOR: dispatch
impl IoHandle {
    /// Delivers one event: sets the readiness of `token`'s entry and wakes
    /// its waiters. Returns how many wakers it woke, or `None` if no entry
    /// has that token (its socket was deregistered after mio queued the
    /// event): the event is about nothing that still exists, so it is dropped.
    pub fn dispatch(&self, token: Token, ready: Ready) -> Option<usize> {
        let entry = self.entries.lock().unwrap().get(&token).cloned()?;
        Some(entry.set_readiness(ready)) // the table's lock is already released
    }
}
// ANCHOR_END: dispatch

impl IoHandle {
    /// Ends a `poll` that blocks on another thread (or the next one, if none
    /// is blocked now).
    pub fn wake_loop(&self) -> io::Result<()> {
        self.waker.wake()
    }

    /// How many sockets are registered now.
    pub fn registered(&self) -> usize {
        self.entries.lock().unwrap().len()
    }
}

/// What one `turn` did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Turn {
    /// Events for registered sockets.
    pub events: usize,
    /// Events whose token had no entry any more.
    pub stale: usize,
    /// Wakers woken.
    pub woken: usize,
}

// ANCHOR: turn
impl Reactor {
    /// A new reactor, with its `mio::Waker` registered under [`WAKE_TOKEN`].
    pub fn new() -> io::Result<Reactor> {
        let poll = mio::Poll::new()?;
        let registry = poll.registry().try_clone()?;
        let waker = mio::Waker::new(&registry, WAKE_TOKEN)?;
        let handle = Arc::new(IoHandle {
            registry,
            entries: Mutex::new(HashMap::new()),
            next_token: AtomicUsize::new(1),
            waker,
        });
        Ok(Reactor { poll, events: Events::with_capacity(256), handle })
    }

    /// Blocks in `poll` until an event or the timeout (`None`: no limit),
    /// then delivers every event to its entry.
    pub fn turn(&mut self, timeout: Option<Duration>) -> io::Result<Turn> {
        match self.poll.poll(&mut self.events, timeout) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                return Ok(Turn::default());
            }
            other => other?,
        }
        let mut turn = Turn::default();
        for event in self.events.iter() {
            if event.token() == WAKE_TOKEN {
                continue; // its only job was to end the poll
            }
            match self.handle.dispatch(event.token(), Ready::from_event(event)) {
                Some(woken) => {
                    turn.events += 1;
                    turn.woken += woken;
                }
                None => turn.stale += 1,
            }
        }
        Ok(turn)
    }
}
// ANCHOR_END: turn

impl Reactor {
    /// The shared half, for sockets and for other threads.
    pub fn handle(&self) -> &Arc<IoHandle> {
        &self.handle
    }
}

// ANCHOR: park
/// What the run loop parks in.
pub trait Park {
    /// Blocks until there is something to deliver, or `timeout` (`None`:
    /// no limit), and delivers it: wakes the tasks it concerns.
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked>;
}

/// What one park delivered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parked {
    /// Events for registered sockets.
    pub events: usize,
    /// Timers that fired.
    pub fired: usize,
}

/// The reactor is a driver: a park is one turn.
impl Park for Reactor {
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked> {
        let turn = self.turn(timeout)?;
        Ok(Parked { events: turn.events, fired: 0 })
    }
}
// ANCHOR_END: park

// ANCHOR: wake_count
/// A waker that only counts its wake-ups, for playing the reactor's steps by
/// hand on one thread.
#[derive(Default)]
pub struct WakeCount(AtomicUsize);

impl WakeCount {
    /// A new count, and a waker that adds one to it on every wake.
    pub fn new() -> (Arc<WakeCount>, Waker) {
        let count = Arc::new(WakeCount::default());
        (Arc::clone(&count), Waker::from(count))
    }

    /// How many times the waker has been woken.
    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl std::task::Wake for WakeCount {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}
// ANCHOR_END: wake_count
