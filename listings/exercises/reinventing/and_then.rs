// Your starter for an exercise of the book: write your answer in
// place of each `todo!()`. The book's solution: listings/src/reinventing/and_then.rs.
//! The exercise of chapter 8 and its solution (shown in the appendix):
//! `and_then`, whose second future is built from the first one's output.

use std::task::Poll;

use listings::reinventing::wakeful::Wakeful;

/// Runs `first`; when it is ready, passes its output to `make_second` and
/// runs the future that returns. Ready with the second future's output.
pub fn and_then<A, F, B>(first: A, make_second: F) -> AndThen<A, F, B>
where
    A: Wakeful,
    F: FnOnce(A::Output) -> B,
    B: Wakeful,
{
    todo!()
}

/// Your future. This placeholder only lets the starter compile: replace
/// it with the states `and_then` goes through, and write `poll`.
pub struct AndThen<A, F, B>(std::marker::PhantomData<(A, F, B)>);

impl<A, F, B> Wakeful for AndThen<A, F, B>
where
    A: Wakeful,
    F: FnOnce(A::Output) -> B,
    B: Wakeful,
{
    type Output = B::Output;

    fn poll(&mut self, wake: fn()) -> Poll<B::Output> {
        todo!()
    }
}
