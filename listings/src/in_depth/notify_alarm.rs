//! The alarm again, built on `tokio::sync::Notify`.

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tokio::sync::Notify;

// ANCHOR: notify_alarm
/// Waits for `delay`: a thread sleeps, then notifies; this future waits for
/// the notification. `Notify` keeps the waker bookkeeping.
pub async fn notify_alarm(delay: Duration) {
    let notify = Arc::new(Notify::new());
    let ringer = Arc::clone(&notify);
    thread::spawn(move || {
        thread::sleep(delay);
        // With nobody waiting yet, notify_one stores a permit for later.
        ringer.notify_one();
    });
    notify.notified().await;
}
// ANCHOR_END: notify_alarm
