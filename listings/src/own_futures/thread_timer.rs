//! A timer future whose deadline is watched by a thread of its own.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

// ANCHOR: say
/// Prints `message` with the name of the thread that says it.
pub fn say(message: &str) {
    let current = thread::current();
    println!("[{}] {message}", current.name().unwrap_or("unnamed"));
}
// ANCHOR_END: say

// ANCHOR: timer
/// What the future and its timer thread share.
struct Shared {
    fired: bool,
    waker: Option<Waker>,
}

/// Ready `duration` after its first poll. A thread started by that poll
/// sleeps through the duration, then wakes the task.
pub struct ThreadTimer {
    duration: Duration,
    polls: u32,
    /// `None` until the first poll starts the thread.
    shared: Option<Arc<Mutex<Shared>>>,
}

pub fn thread_timer(duration: Duration) -> ThreadTimer {
    ThreadTimer { duration, polls: 0, shared: None }
}
// ANCHOR_END: timer

// ANCHOR: poll
impl Future for ThreadTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        let Some(shared) = &self.shared else {
            say("poll 1: start the timer thread, keep the waker, Pending");
            let waker = Some(cx.waker().clone());
            let shared = Arc::new(Mutex::new(Shared { fired: false, waker }));
            start_timer_thread(self.duration, Arc::clone(&shared));
            self.shared = Some(shared);
            return Poll::Pending;
        };
        let mut shared = shared.lock().unwrap();
        if shared.fired {
            drop(shared);
            say(&format!("poll {}: the timer fired, Ready", self.polls));
            return Poll::Ready(());
        }
        // Polled for some other reason: keep the waker of *this* poll.
        shared.waker = Some(cx.waker().clone());
        drop(shared);
        say(&format!("poll {}: not yet, Pending", self.polls));
        Poll::Pending
    }
}
// ANCHOR_END: poll

// ANCHOR: thread
fn start_timer_thread(duration: Duration, shared: Arc<Mutex<Shared>>) {
    let timer = move || {
        say(&format!("sleeping {} ms", duration.as_millis()));
        thread::sleep(duration);
        // Said before `fired` is set, so before any poll can see it.
        say("deadline passed: wake the task");
        let waker = {
            let mut shared = shared.lock().unwrap();
            shared.fired = true;
            shared.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    };
    thread::Builder::new().name("timer".into()).spawn(timer).unwrap();
}
// ANCHOR_END: thread
