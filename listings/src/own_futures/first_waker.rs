//! A future that breaks the rule "wake the most recent waker".

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// A flag that one side raises and a future waits for.
#[derive(Clone, Default)]
pub struct Flag {
    state: Arc<Mutex<(bool, Option<Waker>)>>,
}

impl Flag {
    /// Raises the flag and wakes whoever the waiting future registered.
    pub fn raise(&self) {
        let waker = {
            let mut state = self.state.lock().unwrap();
            state.0 = true;
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// A future that is ready once the flag is raised; it keeps the waker
    /// of every poll.
    pub fn wait(&self) -> WaitForFlag {
        WaitForFlag { flag: self.clone(), keep_first_waker: false }
    }

    /// The same future with the bug: it keeps only the waker of its first poll.
    pub fn wait_keeping_first_waker(&self) -> WaitForFlag {
        WaitForFlag { flag: self.clone(), keep_first_waker: true }
    }
}

pub struct WaitForFlag {
    flag: Flag,
    keep_first_waker: bool,
}

// ANCHOR: poll
impl Future for WaitForFlag {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.flag.state.lock().unwrap();
        if state.0 {
            return Poll::Ready(());
        }
        if self.keep_first_waker && state.1.is_some() {
            return Poll::Pending; // the bug: the stored waker may be stale
        }
        state.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}
// ANCHOR_END: poll
