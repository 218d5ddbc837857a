//! Chapter 16: a callback API bridged into async by a hand-written future
//! with explicit states.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, ready};
use std::thread;

use listings::oneshot::{self, Canceled};

// ANCHOR: driver
/// The bus the sensors share: a measurement needs it to itself.
static BUS: Mutex<()> = Mutex::new(());

/// Takes the bus, waiting while another device has it.
pub fn take_bus() -> MutexGuard<'static, ()> {
    BUS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A sensor driver with a callback API: it measures on a thread of its own,
/// once it has the bus, and calls `on_reading` with the value. Nothing here
/// knows about futures.
pub fn start_reading(channel: u8, on_reading: impl FnOnce(u16) + Send + 'static) {
    thread::spawn(move || {
        let _bus = take_bus();
        on_reading(200 + u16::from(channel));
    });
}
// ANCHOR_END: driver

// ANCHOR: reading
/// One reading of one sensor channel, as a future. Each state is a variant
/// that holds exactly what that state needs.
pub enum Reading {
    /// Created but never polled: the driver has not been asked yet.
    NotStarted { channel: u8 },
    /// The driver is measuring; its callback will send the value here.
    Waiting { reply: oneshot::Receiver<u16> },
    /// The value was handed out.
    Finished,
}

pub fn read_sensor(channel: u8) -> Reading {
    Reading::NotStarted { channel }
}

impl Future for Reading {
    type Output = Result<u16, Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            match &mut *self {
                Reading::NotStarted { channel } => {
                    let (sender, reply) = oneshot::channel();
                    start_reading(*channel, move |value| sender.send(value));
                    *self = Reading::Waiting { reply };
                    // Go round again: the new state may already be able to
                    // make progress.
                }
                Reading::Waiting { reply } => {
                    let value = ready!(Pin::new(reply).poll(cx));
                    *self = Reading::Finished;
                    return Poll::Ready(value);
                }
                Reading::Finished => panic!("Reading polled after it completed"),
            }
        }
    }
}

impl Reading {
    /// The name of the current state, for printing.
    pub fn state(&self) -> &'static str {
        match self {
            Reading::NotStarted { .. } => "not started",
            Reading::Waiting { .. } => "waiting for the driver",
            Reading::Finished => "finished",
        }
    }
}
// ANCHOR_END: reading

// Chapter 16 says it: every field is `Unpin`, so `Reading` is too.
static_assertions::assert_impl_all!(Reading: Unpin);
