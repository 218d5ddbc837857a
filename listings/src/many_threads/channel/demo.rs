//! Chapter 35: the programs the chapter runs, written once for any bounded
//! channel (`Channel`: ours, or `tokio::sync::mpsc`) and spawned on any
//! runtime (chapter 36's `on_our_runtime` and `on_tokio_current_thread`).

use std::future::Future;
use std::sync::Arc;

use listings::engine::task::demo::yield_now;
use listings::many_threads::channel::{self, bounded};
use listings::many_threads::mutex::demo::Task;

// ANCHOR: channel_trait
/// What the programs need of a bounded channel carrying `T`s. `Ours` and
/// `Tokio` implement it: our `bounded` channel and `tokio::sync::mpsc`.
pub trait Channel<T: Send + 'static>: 'static {
    type Sender: Clone + Send + Sync + 'static;
    type Receiver: Send + 'static;
    type Permit<'a>: Send;

    /// A channel with room for `capacity` messages.
    fn channel(capacity: usize) -> (Self::Sender, Self::Receiver);

    /// Waits for room, then sends; the message back if the channel is closed.
    fn send(
        sender: &Self::Sender,
        message: T,
    ) -> impl Future<Output = Result<(), T>> + Send;

    /// Waits for room and holds a slot; `None` if the channel is closed.
    fn reserve(
        sender: &Self::Sender,
    ) -> impl Future<Output = Option<Self::Permit<'_>>> + Send;

    /// Fills the slot a permit holds: cannot fail, cannot wait.
    fn send_permit(permit: Self::Permit<'_>, message: T);

    /// Sends if there is room now; the message back if not.
    fn try_send(sender: &Self::Sender, message: T) -> Result<(), T>;

    /// The next message, or `None` once no more can come.
    fn recv(receiver: &mut Self::Receiver) -> impl Future<Output = Option<T>> + Send;

    /// Closes the channel from the receiving side.
    fn close(receiver: &mut Self::Receiver);
}
// ANCHOR_END: channel_trait

/// Our channel, `listings::many_threads::channel`.
pub struct Ours;

/// Tokio's, `tokio::sync::mpsc`.
pub struct Tokio;

impl<T: Send + 'static> Channel<T> for Ours {
    type Sender = channel::Sender<T>;
    type Receiver = channel::Receiver<T>;
    type Permit<'a> = channel::Permit<'a, T>;

    fn channel(capacity: usize) -> (Self::Sender, Self::Receiver) {
        channel::channel(capacity)
    }

    async fn send(sender: &Self::Sender, message: T) -> Result<(), T> {
        sender.send(message).await.map_err(|bounded::SendError(back)| back)
    }

    async fn reserve(sender: &Self::Sender) -> Option<Self::Permit<'_>> {
        sender.reserve().await.ok()
    }

    fn send_permit(permit: Self::Permit<'_>, message: T) {
        permit.send(message);
    }

    fn try_send(sender: &Self::Sender, message: T) -> Result<(), T> {
        sender.try_send(message).map_err(|error| match error {
            bounded::TrySendError::Full(back) | bounded::TrySendError::Closed(back) => {
                back
            }
        })
    }

    fn recv(receiver: &mut Self::Receiver) -> impl Future<Output = Option<T>> + Send {
        receiver.recv()
    }

    fn close(receiver: &mut Self::Receiver) {
        receiver.close();
    }
}

impl<T: Send + 'static> Channel<T> for Tokio {
    type Sender = tokio::sync::mpsc::Sender<T>;
    type Receiver = tokio::sync::mpsc::Receiver<T>;
    type Permit<'a> = tokio::sync::mpsc::Permit<'a, T>;

    fn channel(capacity: usize) -> (Self::Sender, Self::Receiver) {
        tokio::sync::mpsc::channel(capacity)
    }

    async fn send(sender: &Self::Sender, message: T) -> Result<(), T> {
        sender.send(message).await.map_err(|error| error.0)
    }

    async fn reserve(sender: &Self::Sender) -> Option<Self::Permit<'_>> {
        sender.reserve().await.ok()
    }

    fn send_permit(permit: Self::Permit<'_>, message: T) {
        permit.send(message);
    }

    fn try_send(sender: &Self::Sender, message: T) -> Result<(), T> {
        sender.try_send(message).map_err(|error| error.into_inner())
    }

    fn recv(receiver: &mut Self::Receiver) -> impl Future<Output = Option<T>> + Send {
        receiver.recv()
    }

    fn close(receiver: &mut Self::Receiver) {
        receiver.close();
    }
}

/// What a program's tasks did, in order: a log only they write, each line
/// under a short std `Mutex` lock with no `.await` inside.
pub type Trace = Arc<std::sync::Mutex<Vec<String>>>;

fn note(trace: &Trace, line: impl Into<String>) {
    trace.lock().unwrap().push(line.into());
}

/// One of the chapter's programs, for one channel: its tasks, to spawn in
/// order, and the trace they write.
pub type Program = fn() -> (Vec<Task>, Trace);

/// The lines of `trace`, once the program has finished.
pub fn lines(trace: &Trace) -> Vec<String> {
    trace.lock().unwrap().clone()
}

/// Yields `turns` times: the other queued tasks run this many rounds.
async fn busy(turns: usize) {
    for _ in 0..turns {
        yield_now().await;
    }
}

// ANCHOR: backpressure
/// A producer that sends six messages as fast as it can into a channel
/// with room for two, and a consumer that spends two turns on each. The
/// producer waits in `send` whenever the buffer is full.
pub fn backpressure<C: Channel<u32>>() -> (Vec<Task>, Trace) {
    let (sender, mut receiver) = C::channel(2);
    let trace = Trace::default();
    let producer = {
        let trace = Arc::clone(&trace);
        async move {
            for n in 1..=6 {
                note(&trace, format!("producer: sending {n}"));
                C::send(&sender, n).await.expect("the consumer is there");
                note(&trace, format!("producer: sent {n}"));
            }
            note(&trace, "producer: done, drops its sender");
        }
    };
    let consumer = {
        let trace = Arc::clone(&trace);
        async move {
            while let Some(n) = C::recv(&mut receiver).await {
                note(&trace, format!("consumer: got {n}"));
                busy(2).await; // slower than the producer
            }
            note(&trace, "consumer: recv() is None");
        }
    };
    (vec![Box::pin(producer) as Task, Box::pin(consumer)], trace)
}
// ANCHOR_END: backpressure

// ANCHOR: senders_hang_up
/// Two producers on a channel with room for one send two messages each,
/// then drop their senders; the consumer, which starts a turn late, drains
/// what was sent and then sees `None`.
pub fn senders_hang_up<C: Channel<String>>() -> (Vec<Task>, Trace) {
    let (sender, mut receiver) = C::channel(1);
    let trace = Trace::default();
    let mut tasks = Vec::new();
    for name in ["a", "b"] {
        let (sender, trace) = (sender.clone(), Arc::clone(&trace));
        tasks.push(Box::pin(async move {
            for n in 1..=2 {
                C::send(&sender, format!("{name}{n}"))
                    .await
                    .expect("receiver is there");
                note(&trace, format!("{name}: sent {name}{n}"));
            }
            note(&trace, format!("{name}: drops its sender"));
        }) as Task);
    }
    drop(sender); // only the producers' clones are left
    let trace_ = Arc::clone(&trace);
    tasks.push(Box::pin(async move {
        busy(1).await;
        while let Some(message) = C::recv(&mut receiver).await {
            note(&trace_, format!("consumer: got {message}"));
        }
        note(&trace_, "consumer: None, no sender left");
    }));
    (tasks, trace)
}
// ANCHOR_END: senders_hang_up

// ANCHOR: receiver_closes
/// A producer fills a channel with room for two and waits to send a third
/// message; the receiver closes the channel. The waiting `send` fails and
/// gives the message back, a later one fails at once, and the receiver
/// still drains the two buffered messages before it sees `None`.
pub fn receiver_closes<C: Channel<u32>>() -> (Vec<Task>, Trace) {
    let (sender, mut receiver) = C::channel(2);
    let trace = Trace::default();
    let producer = {
        let trace = Arc::clone(&trace);
        async move {
            for n in 1..=4 {
                note(&trace, format!("producer: sending {n}"));
                match C::send(&sender, n).await {
                    Ok(()) => note(&trace, format!("producer: sent {n}")),
                    Err(back) => {
                        note(&trace, format!("producer: closed, got {back} back"))
                    }
                }
            }
        }
    };
    let consumer = {
        let trace = Arc::clone(&trace);
        async move {
            busy(1).await;
            note(&trace, "consumer: closes the channel");
            C::close(&mut receiver);
            while let Some(n) = C::recv(&mut receiver).await {
                note(&trace, format!("consumer: got {n}"));
            }
            note(&trace, "consumer: recv() is None");
        }
    };
    (vec![Box::pin(producer) as Task, Box::pin(consumer)], trace)
}
// ANCHOR_END: receiver_closes

// ANCHOR: parcel
/// A message that notes in the trace when it is dropped without having
/// been opened by the consumer: a message lost on the way.
pub struct Parcel {
    number: u32,
    trace: Trace,
    opened: bool,
}

impl Parcel {
    pub fn new(number: u32, trace: &Trace) -> Parcel {
        Parcel { number, trace: Arc::clone(trace), opened: false }
    }

    /// What the consumer does with a parcel it received.
    pub fn open(mut self) -> u32 {
        self.opened = true;
        self.number
    }
}

impl Drop for Parcel {
    fn drop(&mut self) {
        if !self.opened {
            note(&self.trace, format!("parcel {} dropped unopened", self.number));
        }
    }
}
// ANCHOR_END: parcel

// ANCHOR: select
/// A sender races a deadline (two turns of the runtime) against a full
/// channel, twice: once with `send` in the `select!`, once with `reserve`.
/// The consumer is busy for four turns, so the deadline wins both times.
pub fn send_in_select<C: Channel<Parcel>>() -> (Vec<Task>, Trace) {
    let (sender, mut receiver) = C::channel(1);
    let trace = Trace::default();
    let producer = {
        let trace = Arc::clone(&trace);
        async move {
            C::send(&sender, Parcel::new(1, &trace)).await.ok();
            note(&trace, "sender: sent 1, the channel is full");

            let parcel = Parcel::new(2, &trace);
            tokio::select! {
                biased;
                _ = C::send(&sender, parcel) => note(&trace, "sender: sent 2"),
                () = busy(2) => note(&trace, "sender: deadline won over send(2)"),
            }

            let parcel = Parcel::new(3, &trace);
            tokio::select! {
                biased;
                Some(permit) = C::reserve(&sender) => C::send_permit(permit, parcel),
                () = busy(2) => {
                    note(&trace, "sender: deadline won, 3 still in hand");
                    let permit = C::reserve(&sender).await.expect("open");
                    C::send_permit(permit, parcel); // cannot fail, cannot wait
                    note(&trace, "sender: sent 3 through a permit");
                }
            }
        }
    };
    let consumer = {
        let trace = Arc::clone(&trace);
        async move {
            busy(4).await;
            while let Some(parcel) = C::recv(&mut receiver).await {
                note(&trace, format!("consumer: opened {}", parcel.open()));
            }
            note(&trace, "consumer: recv() is None");
        }
    };
    (vec![Box::pin(producer) as Task, Box::pin(consumer)], trace)
}
// ANCHOR_END: select

// ANCHOR: side_by_side
/// Prints two traces side by side, the left one in a column `width` wide,
/// and whether they are the same, line for line.
pub fn side_by_side(
    titles: [&str; 2],
    left: &Trace,
    right: &Trace,
    width: usize,
) -> bool {
    let (left, right) = (lines(left), lines(right));
    println!("{:<width$}{}", titles[0], titles[1]);
    for at in 0..left.len().max(right.len()) {
        let cell = |lines: &[String]| lines.get(at).cloned().unwrap_or_default();
        println!("{:<width$}{}", cell(&left), cell(&right));
    }
    let same = left == right;
    println!("same trace: {same}");
    same
}
// ANCHOR_END: side_by_side
