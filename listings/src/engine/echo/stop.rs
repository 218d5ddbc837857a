//! What the echo server on our runtime needs besides sockets, `spawn` and
//! `JoinHandle`: a flag that many tasks wait on. It is a `Mutex` and the
//! wakers of whoever waits: no runtime needed.

use std::collections::BTreeMap;
use std::future::{Future, poll_fn};
use std::mem;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: stop
/// A flag, set once, that any number of tasks can wait on.
#[derive(Clone, Default)]
pub struct Stop {
    shared: Arc<Mutex<Flag>>,
}

#[derive(Default)]
struct Flag {
    set: bool,
    /// The waker of each waiting [`Stopped`] future, by its number: the
    /// oldest is woken first, so the order is the same on every run.
    waiting: BTreeMap<u64, Waker>,
    next: u64,
}

impl Stop {
    /// Sets the flag and wakes every task waiting on it, from any thread.
    pub fn set(&self) {
        let waiting = {
            let mut flag = self.shared.lock().unwrap();
            flag.set = true;
            mem::take(&mut flag.waiting)
        };
        waiting.into_values().for_each(Waker::wake); // outside the lock
    }

    /// How many [`Stopped`] futures have left a waker (for tests).
    pub fn waiting(&self) -> usize {
        self.shared.lock().unwrap().waiting.len()
    }

    /// A future that is ready once the flag is set.
    pub fn stopped(&self) -> Stopped {
        let mut flag = self.shared.lock().unwrap();
        flag.next += 1;
        Stopped { shared: Arc::clone(&self.shared), id: flag.next }
    }
}

/// Waits for [`Stop::set`]. Dropping it takes its waker out of the flag.
pub struct Stopped {
    shared: Arc<Mutex<Flag>>,
    id: u64,
}

impl Future for Stopped {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut flag = self.shared.lock().unwrap();
        if flag.set {
            return Poll::Ready(());
        }
        flag.waiting.insert(self.id, cx.waker().clone()); // replaces an older one
        Poll::Pending
    }
}

impl Drop for Stopped {
    fn drop(&mut self) {
        self.shared.lock().unwrap().waiting.remove(&self.id);
    }
}
// ANCHOR_END: stop

// ANCHOR: unless_stopped
/// Runs `work` until it finishes (`Some` of its output) or `stop` is set
/// (`None`; `work` is dropped where it waited). The flag is looked at first.
pub async fn unless_stopped<F: Future>(stop: &Stop, work: F) -> Option<F::Output> {
    let mut stopped = pin!(stop.stopped());
    let mut work = pin!(work);
    poll_fn(|cx| {
        if stopped.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        work.as_mut().poll(cx).map(Some)
    })
    .await
}
// ANCHOR_END: unless_stopped
