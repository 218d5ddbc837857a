//! A future that breaks the rule "never block in poll".

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

// ANCHOR: blocking
/// Waits for `duration` the wrong way: by putting the executor's thread
/// to sleep inside `poll`.
pub struct BlockingSleep {
    pub duration: Duration,
}

impl Future for BlockingSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        thread::sleep(self.duration); // no other task on this thread runs
        Poll::Ready(())
    }
}
// ANCHOR_END: blocking

// ANCHOR: ticks_during
/// Spawns a task that counts a tick as soon as it runs and then every 10 ms,
/// awaits `wait`, and returns how many ticks the other task managed meanwhile.
pub async fn ticks_during(wait: impl Future<Output = ()>) -> u32 {
    let ticks = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&ticks);
    let ticker = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    wait.await;
    ticker.abort();
    ticks.load(Ordering::SeqCst)
}
// ANCHOR_END: ticks_during
