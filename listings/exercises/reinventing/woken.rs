// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/reinventing/woken.rs.
//! The exercise of chapter 7 and its solution (shown in the appendix):
//! `woken`, which lets a future of the first trait run under the second
//! trait's runner.

use std::task::Poll;

use listings::reinventing::eventually::Eventually;
use listings::reinventing::wakeful::Wakeful;

/// Wraps a future of the first trait, which cannot say when to ask again,
/// in a `Wakeful` with the same answers, for runners that sleep until a wake.
pub fn woken<F>(future: F) -> Woken<F>
where
    F: Eventually,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with what `woken` needs, and write `poll`.
pub struct Woken<F>(F);

impl<F: Eventually> Wakeful for Woken<F> {
    type Output = F::Output;

    fn poll(&mut self, wake: fn()) -> Poll<F::Output> {
        todo!()
    }
}
