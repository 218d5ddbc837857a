//! A timer future for the real `Future` trait: a thread watches the
//! deadline and wakes the task when it passes.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// How many watcher threads `Deadline`s have started in this process.
pub static WATCHERS_STARTED: AtomicUsize = AtomicUsize::new(0);

// ANCHOR: deadline
/// What the future and its watcher thread share.
struct Watch {
    passed: bool,
    waker: Option<Waker>,
}

/// A future that is ready once `duration` has passed since its first poll.
pub struct Deadline {
    watch: Arc<Mutex<Watch>>,
    /// Taken when the watcher starts, on the first poll.
    duration: Option<Duration>,
}

impl Deadline {
    pub fn after(duration: Duration) -> Deadline {
        let watch = Watch { passed: false, waker: None };
        Deadline { watch: Arc::new(Mutex::new(watch)), duration: Some(duration) }
    }
}

impl Future for Deadline {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let duration = self.duration.take();
        let mut watch = self.watch.lock().unwrap();
        if watch.passed {
            return Poll::Ready(());
        }
        // Keep the waker of the latest poll: the task may have moved.
        watch.waker = Some(cx.waker().clone());
        if let Some(duration) = duration {
            start_watcher(Arc::clone(&self.watch), duration);
        }
        Poll::Pending
    }
}
// ANCHOR_END: deadline

// ANCHOR: watcher
/// Starts a thread that sleeps for `duration`, marks the deadline as passed,
/// and wakes whoever polled last. The first poll calls it while it holds the
/// lock, so the mark waits until that poll has stored its waker.
fn start_watcher(watch: Arc<Mutex<Watch>>, duration: Duration) {
    WATCHERS_STARTED.fetch_add(1, Ordering::Relaxed);
    thread::spawn(move || {
        thread::sleep(duration);
        let waker = {
            let mut watch = watch.lock().unwrap();
            watch.passed = true;
            watch.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
}
// ANCHOR_END: watcher
