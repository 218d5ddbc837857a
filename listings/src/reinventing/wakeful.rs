//! The second try: `poll` receives a function to call when it is worth
//! polling again, and a runner that polls only after that call.

use std::fmt::Debug;
use std::sync::{Condvar, Mutex};
use std::task::Poll;

// ANCHOR: trait
/// A value that shows up eventually, and says when to ask again: a future
/// that answers `Pending` arranges for `wake` to be called once it can
/// make progress.
pub trait Wakeful {
    type Output;

    fn poll(&mut self, wake: fn()) -> Poll<Self::Output>;
}
// ANCHOR_END: trait

// ANCHOR: runner
/// Set by `ring`, cleared by the runner before it polls again. A plain
/// `fn()` carries no data, so whatever it touches must be a `static`.
static RUNG: Mutex<bool> = Mutex::new(false);
static BELL: Condvar = Condvar::new();

/// The wake function this runner hands to every `poll`.
pub fn ring() {
    *RUNG.lock().unwrap() = true;
    BELL.notify_one();
}

/// Sleeps until `ring` has been called since the last time it returned.
fn wait_for_ring() {
    let mut rung = RUNG.lock().unwrap();
    while !*rung {
        rung = BELL.wait(rung).unwrap();
    }
    *rung = false;
}

/// Runs `future` to completion, polling once at the start and then once
/// per ring. Returns the output and the number of polls.
pub fn run_woken<F: Wakeful>(mut future: F) -> (F::Output, u32) {
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.poll(ring) {
            return (output, polls);
        }
        wait_for_ring();
    }
}
// ANCHOR_END: runner

/// Whether a ring is waiting to be taken by a runner: for the tests.
pub fn ring_pending() -> bool {
    *RUNG.lock().unwrap()
}

// ANCHOR: many
/// Runs several futures with the one wake function. A ring says "someone can
/// make progress", never who, so every round polls every unfinished future.
/// Prints each round; `after_each_round` lets the caller act in between.
pub fn run_all_woken<F>(
    mut futures: Vec<(&'static str, F)>,
    mut after_each_round: impl FnMut(),
) -> u32
where
    F: Wakeful,
    F::Output: Debug,
{
    let mut polls = 0;
    let mut round = 0;
    while !futures.is_empty() {
        round += 1;
        let mut answers = Vec::new();
        futures.retain_mut(|(name, future)| {
            polls += 1;
            let answer = future.poll(ring);
            answers.push(format!("{name} {answer:?}"));
            answer.is_pending()
        });
        println!("round {round}: {}", answers.join(", "));
        after_each_round();
        if !futures.is_empty() {
            wait_for_ring();
        }
    }
    polls
}
// ANCHOR_END: many

// ANCHOR: traced
/// Wraps a future and prints every answer it gives, numbered.
pub struct Traced<F> {
    name: &'static str,
    polls: u32,
    inner: F,
}

impl<F> Traced<F> {
    pub fn new(name: &'static str, inner: F) -> Traced<F> {
        Traced { name, polls: 0, inner }
    }
}

impl<F: Wakeful> Wakeful for Traced<F>
where
    F::Output: Debug,
{
    type Output = F::Output;

    fn poll(&mut self, wake: fn()) -> Poll<F::Output> {
        self.polls += 1;
        let answer = self.inner.poll(wake);
        println!("{}: poll {} -> {answer:?}", self.name, self.polls);
        answer
    }
}
// ANCHOR_END: traced
