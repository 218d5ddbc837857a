//! A rocket launch as an `async fn`, and the same steps as an enum with a
//! hand-written `poll`: what the compiler makes of the `async fn`.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::in_depth::alarm::Alarm;

/// How long the countdown lasts.
pub const COUNTDOWN: Duration = Duration::from_millis(100);

// ANCHOR: async_fn
/// Fuels the rocket, waits out the countdown, lifts off.
pub async fn launch(log: &mut Vec<&'static str>) -> &'static str {
    log.push("fuelling");
    Alarm::after(COUNTDOWN).await;
    log.push("liftoff");
    "in orbit"
}
// ANCHOR_END: async_fn

// ANCHOR: enum
/// `launch` as a state machine: one variant per place the function can be
/// paused, holding what is alive at that place.
pub enum Launch<'a> {
    /// Created, not yet polled: only the argument exists.
    NotStarted { log: &'a mut Vec<&'static str> },
    /// Paused at the `.await`: the argument and the alarm being awaited.
    CountingDown { log: &'a mut Vec<&'static str>, countdown: Alarm },
    /// Returned its value; must not be polled again.
    Finished,
}

impl<'a> Launch<'a> {
    pub fn new(log: &'a mut Vec<&'static str>) -> Launch<'a> {
        Launch::NotStarted { log }
    }
}
// ANCHOR_END: enum

// ANCHOR: poll
impl Future for Launch<'_> {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        // Every field is Unpin, so Launch is too, and `get_mut` is allowed.
        let state = self.get_mut();
        loop {
            // Take the state out, leaving Finished behind while we work.
            match mem::replace(state, Launch::Finished) {
                Launch::NotStarted { log } => {
                    // The code before the `.await` ...
                    log.push("fuelling");
                    let countdown = Alarm::after(COUNTDOWN);
                    // ... then on to the `.await`: loop round and poll it.
                    *state = Launch::CountingDown { log, countdown };
                }
                Launch::CountingDown { log, mut countdown } => {
                    match Pin::new(&mut countdown).poll(cx) {
                        Poll::Pending => {
                            // Paused: put everything back, answer Pending.
                            *state = Launch::CountingDown { log, countdown };
                            return Poll::Pending;
                        }
                        Poll::Ready(()) => {
                            // The code after the `.await`.
                            log.push("liftoff");
                            return Poll::Ready("in orbit");
                        }
                    }
                }
                Launch::Finished => panic!("Launch polled after it finished"),
            }
        }
    }
}
// ANCHOR_END: poll
