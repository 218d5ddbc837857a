//! Chapter 35: our bounded channel under loom. `bounded.rs` is the
//! listings' own file, compiled here against loom's `Mutex` and `Arc`, so
//! loom runs the senders, the receiver and their drops in every order that
//! can make a difference (up to a preemption bound). A task that waits
//! forever, because a wake was lost or a slot was never passed on, leaves
//! its thread parked, and loom reports the deadlock. The tests are in
//! `tests/channel.rs` (`bash ci/loom.sh`), which compiles this file as a
//! module of its own.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Wake, Waker};

use loom::model::Builder;
use loom::thread;

/// Stands in for the `listings` crate: `bounded.rs` imports its lock and
/// its shared pointer as `listings::many_threads::channel::sync`, and here
/// that path leads to loom's.
mod listings {
    pub mod many_threads {
        pub mod channel {
            pub mod sync {
                pub use loom::sync::{Arc, Mutex};
            }
        }
    }
}

/// The listings' channel, compiled here against loom's types.
#[allow(dead_code)]
pub mod bounded {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/many_threads/channel/bounded.rs"
    ));
}

use bounded::{Receiver, SendError, channel};

/// Wakes a loom thread parked in `block_on`.
struct Unpark(thread::Thread);

impl Wake for Unpark {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this loom thread, parking between polls until its
/// waker is woken. A wake that never comes leaves the thread parked, and
/// loom reports the deadlock.
fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(std::sync::Arc::new(Unpark(thread::current())));
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) =
            future.as_mut().poll(&mut Context::from_waker(&waker))
        {
            return output;
        }
        thread::park();
    }
}

/// Explores every order with up to `bound` preemptions: enough for these
/// small models (all four run in under half a second), and a bound keeps
/// the three-thread one from growing with every change to `bounded.rs`.
fn model(bound: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut builder = Builder::new();
    builder.preemption_bound = Some(bound);
    builder.check(f);
}

/// Receives until `recv` says no more can come.
fn drain(receiver: &mut Receiver<u32>) -> Vec<u32> {
    let mut got = Vec::new();
    while let Some(message) = block_on(receiver.recv()) {
        got.push(message);
    }
    got
}

// ANCHOR: full
/// A sender waits on a full channel with room for one while the receiver
/// takes the buffered message and then waits for the next. Whichever
/// stores its waker first, the other finds it: in every order both
/// messages arrive and nobody waits forever.
pub fn a_sender_and_the_receiver_on_a_full_channel_wake_each_other() {
    model(3, || {
        let (sender, mut receiver) = channel(1);
        sender.try_send(1).unwrap();
        let producer = {
            let sender = sender.clone(); // `sender` stays: no drop wakes anyone
            thread::spawn(move || block_on(sender.send(2)).unwrap())
        };
        assert_eq!(block_on(receiver.recv()), Some(1));
        assert_eq!(block_on(receiver.recv()), Some(2));
        producer.join().unwrap();
        assert_eq!(receiver.snapshot().senders, 1);
    });
}
// ANCHOR_END: full

/// The last sender sends and is dropped on another thread while the
/// receiver waits: it gets the message, then `None`, never a hang.
pub fn a_receiver_racing_the_last_senders_drop_sees_none() {
    model(3, || {
        let (sender, mut receiver) = channel(1);
        let producer = thread::spawn(move || {
            sender.try_send(7).unwrap();
            drop(sender);
        });
        assert_eq!(drain(&mut receiver), [7]);
        producer.join().unwrap();
    });
}

// ANCHOR: gives_up
/// On a full channel with room for one, one sender polls `send` once and
/// gives up, another waits for good, and the receiver drains. In every
/// order the one that waits gets a slot: the one that gave up left the
/// line, or passed on the slot it had been handed.
pub fn a_waiting_sender_dropped_racing_a_recv_passes_the_slot_on() {
    model(3, || {
        let (sender, mut receiver) = channel(1);
        sender.try_send(0).unwrap();
        let quitter = {
            let sender = sender.clone();
            thread::spawn(move || {
                let mut send = pin!(sender.send(1));
                let waker = Waker::noop();
                let sent = send.as_mut().poll(&mut Context::from_waker(waker));
                sent.is_ready() // else dropped here, while waiting
            })
        };
        let waiter = thread::spawn(move || block_on(sender.send(2)).unwrap());
        let got = drain(&mut receiver);
        let quitter_sent = quitter.join().unwrap();
        waiter.join().unwrap();
        let expected: &[u32] = if quitter_sent { &[0, 1, 2] } else { &[0, 2] };
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "got {got:?}");
    });
}
// ANCHOR_END: gives_up

/// The receiver closes a full channel while a sender waits in line on it
/// (or is about to): the sender is woken and gets its message back, and
/// the buffered message is still received.
pub fn a_close_racing_a_waiting_sender_wakes_it() {
    model(3, || {
        let (sender, mut receiver) = channel(1);
        sender.try_send(0).unwrap();
        let producer = {
            let sender = sender.clone(); // `sender` stays: no drop wakes anyone
            thread::spawn(move || block_on(sender.send(1)))
        };
        receiver.close();
        assert_eq!(producer.join().unwrap(), Err(SendError(1)));
        assert_eq!(drain(&mut receiver), [0]);
    });
}
