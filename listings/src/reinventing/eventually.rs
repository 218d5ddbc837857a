//! The first try at a future trait: `poll` gets nothing but `&mut self`.

use std::task::Poll;

// ANCHOR: trait
/// A value that shows up eventually. Whoever wants it asks by calling `poll`.
pub trait Eventually {
    type Output;

    /// Makes as much progress as possible, then answers `Ready(value)` or
    /// `Pending` ("not yet").
    fn poll(&mut self) -> Poll<Self::Output>;
}
// ANCHOR_END: trait

// ANCHOR: probe
/// A probe on a greenhouse sensor bus that has its reading only on the
/// `ready_at`-th time it is asked: a stand-in for data that arrives later.
pub struct Probe {
    pub name: &'static str,
    asked: u32,
    ready_at: u32,
    reading: f32,
}

impl Probe {
    pub fn new(name: &'static str, ready_at: u32, reading: f32) -> Probe {
        Probe { name, asked: 0, ready_at, reading }
    }
}

impl Eventually for Probe {
    type Output = (&'static str, f32);

    fn poll(&mut self) -> Poll<Self::Output> {
        self.asked += 1;
        if self.asked < self.ready_at {
            Poll::Pending
        } else {
            Poll::Ready((self.name, self.reading))
        }
    }
}
// ANCHOR_END: probe

// ANCHOR: runner
/// How often a runner polled, and how many of those polls answered `Pending`.
#[derive(Debug, Default, PartialEq)]
pub struct Tally {
    pub polls: u32,
    pub pending: u32,
}

/// Polls every unfinished future, round after round, until all are ready.
/// Nothing tells it which one might have moved on, so it asks them all.
pub fn poll_until_all_ready<F: Eventually>(
    mut futures: Vec<F>,
) -> (Vec<F::Output>, Tally) {
    let mut outputs = Vec::new();
    let mut tally = Tally::default();
    while !futures.is_empty() {
        futures.retain_mut(|future| {
            tally.polls += 1;
            match future.poll() {
                Poll::Ready(output) => {
                    outputs.push(output);
                    false // finished: drop it from the list
                }
                Poll::Pending => {
                    tally.pending += 1;
                    true
                }
            }
        });
    }
    (outputs, tally)
}
// ANCHOR_END: runner
