//! The exercise of chapter 4 and its solution (shown in the appendix): a
//! latch, a future that is ready once several senders have all arrived,
//! built the way the oneshot channel is.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use listings::oneshot::Canceled;

// ANCHOR: solution
// ANCHOR: exercise
/// `count` arrivals, and the future that waits for them: ready with `Ok(())`
/// once every arrival has called `arrive`, or with `Err(Canceled)` as soon
/// as one is dropped without arriving.
pub fn latch(count: usize) -> (Vec<Arrival>, AllArrived) {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    let state =
        Arc::new(Mutex::new(State { left: count, canceled: false, waker: None }));
    let arrivals = (0..count)
        .map(|_| Arrival { state: Arc::clone(&state), settled: false })
        .collect();
    (arrivals, AllArrived { state, finished: false })
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// What the arrivals and the waiting future share.
struct State {
    /// Arrivals that have not arrived yet.
    left: usize,
    /// An arrival was dropped without arriving.
    canceled: bool,
    /// The waker of the waiting future's last poll.
    waker: Option<Waker>,
}

/// One of the parties the latch waits for.
pub struct Arrival {
    state: Arc<Mutex<State>>,
    /// Set once this arrival has arrived or been dropped: it counts once.
    settled: bool,
}

impl Arrival {
    /// Counts this arrival. It takes `self`: each arrives once.
    pub fn arrive(mut self) {
        self.settle(true);
    }

    fn settle(&mut self, arrived: bool) {
        if self.settled {
            return;
        }
        self.settled = true;
        let waker = {
            let mut state = self.state.lock().unwrap();
            if arrived {
                state.left -= 1;
            } else {
                state.canceled = true;
            }
            if state.left == 0 || state.canceled { state.waker.take() } else { None }
        };
        // As in the oneshot: wake after unlocking.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Drop for Arrival {
    fn drop(&mut self) {
        // After `arrive` this does nothing: the arrival is already settled.
        self.settle(false);
    }
}

/// The future that waits for every arrival.
pub struct AllArrived {
    state: Arc<Mutex<State>>,
    finished: bool,
}

impl Future for AllArrived {
    type Output = Result<(), Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        assert!(!self.finished, "AllArrived polled after it returned Ready");
        let mut state = self.state.lock().unwrap();
        let answer = if state.canceled {
            Err(Canceled)
        } else if state.left == 0 {
            Ok(())
        } else {
            state.waker = Some(cx.waker().clone());
            return Poll::Pending;
        };
        drop(state);
        self.finished = true;
        Poll::Ready(answer)
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your types. These placeholders only let the starter compile: give them
// /// the state they share, and write `arrive`, the `Drop` that cancels, and
// /// `poll`.
// pub struct Arrival;
//
// impl Arrival {
//     /// Counts this arrival. It takes `self`: each arrives once.
//     pub fn arrive(self) {
//         todo!()
//     }
// }
//
// pub struct AllArrived;
//
// impl Future for AllArrived {
//     type Output = Result<(), Canceled>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
