//! `Alarm`, a delay whose own thread fires the waker when it rings, and
//! `StickyAlarm`, the same alarm with a bug: it keeps the first waker.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: bell
/// What an alarm shares with the thread that rings it.
struct Bell {
    rung: bool,
    /// Who to wake when the bell rings.
    waker: Waker,
}

/// What the ringing thread waits for before it rings.
pub enum Until {
    /// A moment on the clock.
    Deadline(Instant),
    /// A pull on the cord (or the cord dropped): someone else decides.
    /// Boxed, which keeps an `Until` as small as an `Instant`.
    Cord(Box<mpsc::Receiver<()>>),
}

impl Until {
    pub fn after(delay: Duration) -> Until {
        Until::Deadline(Instant::now() + delay)
    }

    /// Blocks the calling thread until it is time to ring.
    pub fn wait(self) {
        match self {
            Until::Deadline(deadline) => {
                thread::sleep(deadline.saturating_duration_since(Instant::now()));
            }
            Until::Cord(cord) => {
                let _ = cord.recv();
            }
        }
    }
}

/// Starts a thread that waits `until` it is time, then rings the bell and
/// wakes whichever waker the bell holds at that moment.
fn ring_when(until: Until, waker: Waker) -> Arc<Mutex<Bell>> {
    let bell = Arc::new(Mutex::new(Bell { rung: false, waker }));
    let ringer = Arc::clone(&bell);
    thread::spawn(move || {
        until.wait();
        let waker = {
            let mut bell = ringer.lock().unwrap();
            bell.rung = true;
            bell.waker.clone()
        };
        waker.wake(); // outside the lock: the woken task may poll at once
    });
    bell
}

/// The handle that rings an alarm made with `Alarm::on_cord`.
pub struct Cord(mpsc::Sender<()>);

impl Cord {
    pub fn pull(self) {
        let _ = self.0.send(());
    }
}

/// An `Until` that ends when its `Cord` is pulled.
pub fn cord() -> (Until, Cord) {
    let (pull, wait) = mpsc::channel();
    (Until::Cord(Box::new(wait)), Cord(pull))
}
// ANCHOR_END: bell

// ANCHOR: alarm
/// A future that is ready once its bell has rung.
pub struct Alarm {
    /// What the ringing thread waits for; taken by the first poll.
    until: Option<Until>,
    /// Empty until the first poll starts the ringing thread.
    bell: Option<Arc<Mutex<Bell>>>,
    /// How many times `poll` cloned a waker into the bell.
    waker_clones: u32,
}

impl Alarm {
    /// An alarm that rings once `delay` has passed.
    pub fn after(delay: Duration) -> Alarm {
        Alarm::new(Until::after(delay))
    }

    pub fn new(until: Until) -> Alarm {
        Alarm { until: Some(until), bell: None, waker_clones: 0 }
    }

    pub fn waker_clones(&self) -> u32 {
        self.waker_clones
    }
}

impl Future for Alarm {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let Some(bell) = &this.bell else {
            // First poll: hand the thread a clone of this task's waker.
            let until = this.until.take().expect("an alarm not yet started");
            this.waker_clones += 1;
            this.bell = Some(ring_when(until, cx.waker().clone()));
            return Poll::Pending;
        };
        let mut bell = bell.lock().unwrap();
        if bell.rung {
            return Poll::Ready(());
        }
        // Polled again before it rang, maybe by another task: keep the waker
        // of *this* poll, and clone only if it is a different one.
        if !bell.waker.will_wake(cx.waker()) {
            this.waker_clones += 1;
            bell.waker = cx.waker().clone();
        }
        Poll::Pending
    }
}
// ANCHOR_END: alarm

// ANCHOR: sticky
/// An alarm that keeps the waker of its first poll. Wrong: see chapter 24.
pub struct StickyAlarm {
    until: Option<Until>,
    bell: Option<Arc<Mutex<Bell>>>,
}

impl StickyAlarm {
    pub fn new(until: Until) -> StickyAlarm {
        StickyAlarm { until: Some(until), bell: None }
    }
}

impl Future for StickyAlarm {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        match &this.bell {
            None => {
                let until = this.until.take().expect("an alarm not yet started");
                this.bell = Some(ring_when(until, cx.waker().clone()));
                Poll::Pending
            }
            Some(bell) if bell.lock().unwrap().rung => Poll::Ready(()),
            Some(_) => Poll::Pending, // the bell still holds the first waker
        }
    }
}
// ANCHOR_END: sticky
