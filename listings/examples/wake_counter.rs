use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use listings::round_trip::round_trip;

// ANCHOR: main
/// A waker that only counts how often it is called.
#[derive(Default)]
struct WakeCounter {
    calls: AtomicUsize,
}

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

fn main() {
    let counter = Arc::new(WakeCounter::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);

    let mut sum = pin!(async { round_trip(2).await + round_trip(3).await });
    for poll in 1.. {
        let wakes_before = counter.calls.load(Ordering::SeqCst);
        match sum.as_mut().poll(&mut cx) {
            Poll::Ready(total) => {
                println!("poll {poll}: Ready({total})");
                break;
            }
            Poll::Pending => {
                let wakes = counter.calls.load(Ordering::SeqCst) - wakes_before;
                println!("poll {poll}: Pending, after calling wake {wakes} time(s)");
            }
        }
    }
}
// ANCHOR_END: main
