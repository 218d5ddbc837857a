//! The alarm again, built on `tokio::sync::Notify`.

use std::sync::Arc;
use std::thread;

use listings::in_depth::alarm::Until;
use tokio::sync::Notify;

// ANCHOR: notify_alarm
/// Rings like `Alarm`: a thread waits `until` it is time, then notifies;
/// this future waits for the notification. `Notify` keeps the waker
/// bookkeeping.
pub async fn notify_alarm(until: Until) {
    let notify = Arc::new(Notify::new());
    let ringer = Arc::clone(&notify);
    thread::spawn(move || {
        until.wait();
        // With nobody waiting yet, notify_one stores a permit for later.
        ringer.notify_one();
    });
    notify.notified().await;
}
// ANCHOR_END: notify_alarm
