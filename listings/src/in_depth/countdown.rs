//! The exercise of chapter 22 and its solution (shown in the appendix): the
//! state machine of an `async fn` with an `.await` inside a loop, by hand.

use std::future::Future;
use std::mem;
use std::ops::ControlFlow;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use listings::in_depth::alarm::Alarm;

/// The pause between two calls of the countdown.
pub const TICK: Duration = Duration::from_millis(10);

// ANCHOR: exercise
/// Calls out the seconds from `from` down to 1, a tick apart, then lifts
/// off and returns `from`. Write what this compiles into, by hand.
pub async fn countdown(log: &mut Vec<String>, from: u32) -> u32 {
    let mut left = from;
    while left > 0 {
        log.push(format!("T-{left}"));
        Alarm::after(TICK).await;
        left -= 1;
    }
    log.push("liftoff".to_string());
    from
}

/// `countdown` as an enum with a hand-written `poll`: the same log, the
/// same result, the same polls.
pub fn countdown_by_hand(log: &mut Vec<String>, from: u32) -> Countdown<'_> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    Countdown::NotStarted { log, from }
    // ANCHOR_END: todo
}

// ANCHOR: solution
// ANCHOR: cut
/// One variant per place `countdown` can be between two polls.
pub enum Countdown<'a> {
    /// Created, not yet polled: only the arguments exist.
    NotStarted { log: &'a mut Vec<String>, from: u32 },
    /// Paused at the `.await` in the loop: the arguments, the loop's
    /// counter and the alarm being awaited.
    Ticking { log: &'a mut Vec<String>, from: u32, left: u32, tick: Alarm },
    /// Returned its value; must not be polled again.
    Finished,
}

/// The loop's test, and its body up to the `.await`: either the state
/// paused at the next tick, or the value the function returns.
fn run_to_the_await(
    log: &mut Vec<String>,
    from: u32,
    left: u32,
) -> ControlFlow<u32, Countdown<'_>> {
    if left == 0 {
        log.push("liftoff".to_string());
        return ControlFlow::Break(from);
    }
    log.push(format!("T-{left}"));
    ControlFlow::Continue(Countdown::Ticking {
        log,
        from,
        left,
        tick: Alarm::after(TICK),
    })
}

impl Future for Countdown<'_> {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // Every field is Unpin, so Countdown is too.
        let state = self.get_mut();
        loop {
            let step = match mem::replace(state, Countdown::Finished) {
                Countdown::NotStarted { log, from } => {
                    run_to_the_await(log, from, from)
                }
                Countdown::Ticking { log, from, left, mut tick } => {
                    match Pin::new(&mut tick).poll(cx) {
                        Poll::Pending => {
                            *state = Countdown::Ticking { log, from, left, tick };
                            return Poll::Pending;
                        }
                        // `left -= 1`, then round the `while` again.
                        Poll::Ready(()) => run_to_the_await(log, from, left - 1),
                    }
                }
                Countdown::Finished => panic!("Countdown polled after it finished"),
            };
            match step {
                // Loop round to poll the new tick at once.
                ControlFlow::Continue(next) => *state = next,
                ControlFlow::Break(from) => return Poll::Ready(from),
            }
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your state machine. This placeholder only lets the starter compile:
// /// replace it with one variant per place `countdown` can pause, and
// /// write `poll`.
// pub struct Countdown<'a>(&'a mut Vec<String>);
//
// impl Future for Countdown<'_> {
//     type Output = u32;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
