//! Combinators written against the `Wakeful` trait: a join that runs two
//! futures at once, and a sequence that runs one after the other.

use std::task::Poll;

use listings::reinventing::wakeful::Wakeful;

// ANCHOR: steps
/// A scripted future for tracing: answers `Pending` `steps` times (asking to
/// be polled again each time), then `Ready(value)`. Prints every poll, and
/// panics if polled after it finished.
pub struct Steps<T> {
    name: &'static str,
    left: u32,
    value: Option<T>,
}

impl<T> Steps<T> {
    pub fn new(name: &'static str, steps: u32, value: T) -> Steps<T> {
        Steps { name, left: steps, value: Some(value) }
    }
}

impl<T> Wakeful for Steps<T> {
    type Output = T;

    fn poll(&mut self, wake: fn()) -> Poll<T> {
        if self.left == 0 {
            let value = self.value.take().expect("polled after it returned Ready");
            println!("  {} is ready", self.name);
            return Poll::Ready(value);
        }
        self.left -= 1;
        println!("  {} is not ready ({} to go)", self.name, self.left);
        wake(); // nothing to wait for: poll me again right away
        Poll::Pending
    }
}
// ANCHOR_END: steps

// ANCHOR: join
/// Runs two futures at once; ready with both outputs when both are done.
pub struct Join<A: Wakeful, B: Wakeful> {
    a: Option<A>,
    b: Option<B>,
    a_output: Option<A::Output>,
    b_output: Option<B::Output>,
}

pub fn join<A: Wakeful, B: Wakeful>(a: A, b: B) -> Join<A, B> {
    Join { a: Some(a), b: Some(b), a_output: None, b_output: None }
}

impl<A: Wakeful, B: Wakeful> Wakeful for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(&mut self, wake: fn()) -> Poll<Self::Output> {
        // `None` once finished: a finished half is never polled again.
        if let Some(Poll::Ready(output)) = self.a.as_mut().map(|a| a.poll(wake)) {
            self.a_output = Some(output);
            self.a = None;
        }
        if let Some(Poll::Ready(output)) = self.b.as_mut().map(|b| b.poll(wake)) {
            self.b_output = Some(output);
            self.b = None;
        }
        if self.a.is_none() && self.b.is_none() {
            let a = self.a_output.take().expect("polled after it returned Ready");
            let b = self.b_output.take().expect("polled after it returned Ready");
            Poll::Ready((a, b))
        } else {
            Poll::Pending
        }
    }
}
// ANCHOR_END: join

// ANCHOR: sequence
/// Runs `first` to completion, then `second`; ready with both outputs.
pub enum Sequence<A: Wakeful, B: Wakeful> {
    First(A, Option<B>),
    Second(Option<A::Output>, B),
    Done,
}

pub fn sequence<A: Wakeful, B: Wakeful>(first: A, second: B) -> Sequence<A, B> {
    Sequence::First(first, Some(second))
}

impl<A: Wakeful, B: Wakeful> Wakeful for Sequence<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(&mut self, wake: fn()) -> Poll<Self::Output> {
        if let Sequence::First(first, second) = self {
            match first.poll(wake) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(output) => {
                    let second =
                        second.take().expect("second is kept until first is done");
                    // Move on; the first future is dropped here.
                    *self = Sequence::Second(Some(output), second);
                }
            }
        }
        match self {
            Sequence::Second(first_output, second) => match second.poll(wake) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(output) => {
                    let first_output =
                        first_output.take().expect("set when first finished");
                    *self = Sequence::Done;
                    Poll::Ready((first_output, output))
                }
            },
            _ => panic!("polled after it returned Ready"),
        }
    }
}
// ANCHOR_END: sequence
