//! The exercise of chapter 7 and its solution (shown in the appendix):
//! `woken`, which lets a future of the first trait run under the second
//! trait's runner.

use std::task::Poll;

use listings::reinventing::eventually::Eventually;
use listings::reinventing::wakeful::Wakeful;

// ANCHOR: solution
// ANCHOR: exercise
/// Wraps a future of the first trait, which cannot say when to ask again,
/// in a `Wakeful` with the same answers, for runners that sleep until a wake.
pub fn woken<F>(future: F) -> Woken<F>
where
    F: Eventually,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    Woken(future)
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// The wrapped future.
pub struct Woken<F>(F);

impl<F: Eventually> Wakeful for Woken<F> {
    type Output = F::Output;

    fn poll(&mut self, wake: fn()) -> Poll<F::Output> {
        let answer = self.0.poll();
        if answer.is_pending() {
            // Nothing will tell us when to ask again, so ask at once: the
            // runner polls again right away, as the first runner did.
            wake();
        }
        answer
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with what `woken` needs, and write `poll`.
// pub struct Woken<F>(F);
//
// impl<F: Eventually> Wakeful for Woken<F> {
//     type Output = F::Output;
//
//     fn poll(&mut self, wake: fn()) -> Poll<F::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
