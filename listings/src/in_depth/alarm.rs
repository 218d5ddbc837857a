//! `Alarm`, a delay whose own thread fires the waker at the deadline, and
//! `StickyAlarm`, the same delay with a bug: it keeps the first waker.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

/// Starts a thread that sleeps until `deadline`, then rings the bell and
/// wakes whichever waker the bell holds at that moment.
fn ring_at(deadline: Instant, waker: Waker) -> Arc<Mutex<Bell>> {
    let bell = Arc::new(Mutex::new(Bell { rung: false, waker }));
    let ringer = Arc::clone(&bell);
    thread::spawn(move || {
        thread::sleep(deadline.saturating_duration_since(Instant::now()));
        let waker = {
            let mut bell = ringer.lock().unwrap();
            bell.rung = true;
            bell.waker.clone()
        };
        waker.wake(); // outside the lock: the woken task may poll at once
    });
    bell
}
// ANCHOR_END: bell

// ANCHOR: alarm
/// A future that is ready once `deadline` has passed.
pub struct Alarm {
    deadline: Instant,
    /// Empty until the first poll starts the ringing thread.
    bell: Option<Arc<Mutex<Bell>>>,
    /// How many times `poll` cloned a waker into the bell.
    waker_clones: u32,
}

impl Alarm {
    pub fn after(delay: Duration) -> Alarm {
        Alarm { deadline: Instant::now() + delay, bell: None, waker_clones: 0 }
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
            this.waker_clones += 1;
            this.bell = Some(ring_at(this.deadline, cx.waker().clone()));
            return Poll::Pending;
        };
        let mut bell = bell.lock().unwrap();
        if bell.rung {
            return Poll::Ready(());
        }
        // Polled again before the deadline, maybe by another task: keep the
        // waker of *this* poll, and clone only if it is a different one.
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
    deadline: Instant,
    bell: Option<Arc<Mutex<Bell>>>,
}

impl StickyAlarm {
    pub fn after(delay: Duration) -> StickyAlarm {
        StickyAlarm { deadline: Instant::now() + delay, bell: None }
    }
}

impl Future for StickyAlarm {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        match &this.bell {
            None => {
                this.bell = Some(ring_at(this.deadline, cx.waker().clone()));
                Poll::Pending
            }
            Some(bell) if bell.lock().unwrap().rung => Poll::Ready(()),
            Some(_) => Poll::Pending, // the bell still holds the first waker
        }
    }
}
// ANCHOR_END: sticky
