//! A timer future for the real `Future` trait: a thread watches the
//! deadline and wakes the task when it passes.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// How many watcher threads `Deadline::after` has started in this process.
pub static WATCHERS_STARTED: AtomicUsize = AtomicUsize::new(0);

// ANCHOR: deadline
/// What the future and its watcher thread share.
struct Watch {
    passed: bool,
    waker: Option<Waker>,
}

/// A future that is ready once a duration has passed since it was created.
pub struct Deadline {
    watch: Arc<Mutex<Watch>>,
}

impl Future for Deadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut watch = self.watch.lock().unwrap();
        if watch.passed {
            return Poll::Ready(());
        }
        // Keep the waker of the latest poll: the task may have moved.
        watch.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: deadline

// ANCHOR: watcher
impl Deadline {
    /// Starts a thread that sleeps for `duration`, marks the deadline as
    /// passed, and wakes whoever polled last.
    pub fn after(duration: Duration) -> Deadline {
        let watch = Arc::new(Mutex::new(Watch { passed: false, waker: None }));
        let shared = Arc::clone(&watch);
        WATCHERS_STARTED.fetch_add(1, Ordering::Relaxed);
        thread::spawn(move || {
            thread::sleep(duration);
            let waker = {
                let mut watch = shared.lock().unwrap();
                watch.passed = true;
                watch.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        });
        Deadline { watch }
    }
}
// ANCHOR_END: watcher
