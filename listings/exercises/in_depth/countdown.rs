// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/in_depth/countdown.rs.
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
    todo!()
}

/// Your state machine. This placeholder only lets the starter compile:
/// replace it with one variant per place `countdown` can pause, and
/// write `poll`.
pub struct Countdown<'a>(&'a mut Vec<String>);

impl Future for Countdown<'_> {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        todo!()
    }
}
