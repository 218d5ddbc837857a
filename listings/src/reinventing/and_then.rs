//! The exercise of chapter 8 and its solution (shown in the appendix):
//! `and_then`, whose second future is built from the first one's output.

use std::task::Poll;

use listings::reinventing::wakeful::Wakeful;

// ANCHOR: solution
// ANCHOR: exercise
/// Runs `first`; when it is ready, passes its output to `make_second` and
/// runs the future that returns. Ready with the second future's output.
pub fn and_then<A, F, B>(first: A, make_second: F) -> AndThen<A, F, B>
where
    A: Wakeful,
    F: FnOnce(A::Output) -> B,
    B: Wakeful,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    AndThen::First(first, Some(make_second))
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// Either still running the first future (holding the function that builds
/// the second), or running the second.
pub enum AndThen<A, F, B> {
    First(A, Option<F>),
    Second(B),
    Done,
}

impl<A, F, B> Wakeful for AndThen<A, F, B>
where
    A: Wakeful,
    F: FnOnce(A::Output) -> B,
    B: Wakeful,
{
    type Output = B::Output;

    fn poll(&mut self, wake: fn()) -> Poll<B::Output> {
        if let AndThen::First(first, make_second) = self {
            match first.poll(wake) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(output) => {
                    let make_second =
                        make_second.take().expect("kept until first is done");
                    *self = AndThen::Second(make_second(output));
                }
            }
        }
        match self {
            AndThen::Second(second) => {
                let answer = second.poll(wake);
                if answer.is_ready() {
                    *self = AndThen::Done;
                }
                answer
            }
            _ => panic!("polled after it returned Ready"),
        }
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with the states `and_then` goes through, and write `poll`.
// pub struct AndThen<A, F, B>(std::marker::PhantomData<(A, F, B)>);
//
// impl<A, F, B> Wakeful for AndThen<A, F, B>
// where
//     A: Wakeful,
//     F: FnOnce(A::Output) -> B,
//     B: Wakeful,
// {
//     type Output = B::Output;
//
//     fn poll(&mut self, wake: fn()) -> Poll<B::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
