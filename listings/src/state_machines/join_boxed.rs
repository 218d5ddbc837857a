//! The exercise of chapter 17 and its solution (shown in the appendix):
//! `join_boxed`, many different futures behind one pinned-box type, run side
//! by side.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
// ANCHOR: exercise
/// One type for any future with output `T`: pinned in a box of its own.
pub type BoxedFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Polls every future of `futures` on each poll, until all are ready, and is
/// ready with their outputs in the order of `futures`.
pub fn join_boxed<T>(futures: Vec<BoxedFuture<T>>) -> JoinBoxed<T> {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    let outputs = futures.iter().map(|_| None).collect();
    JoinBoxed { futures: futures.into_iter().map(Some).collect(), outputs }
    // ANCHOR_END: todo
}
// ANCHOR: cut

/// Each future until it is ready, then its output, slot by slot.
pub struct JoinBoxed<T> {
    futures: Vec<Option<BoxedFuture<T>>>,
    outputs: Vec<Option<T>>,
}

// The outputs are never pinned, and the futures are pinned in their boxes:
// moving a `JoinBoxed` moves neither, so it is `Unpin` whatever `T` is.
impl<T> Unpin for JoinBoxed<T> {}

impl<T> Future for JoinBoxed<T> {
    type Output = Vec<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<T>> {
        let this = &mut *self;
        let mut all_ready = true;
        for (slot, output) in this.futures.iter_mut().zip(&mut this.outputs) {
            let Some(future) = slot else { continue };
            match future.as_mut().poll(cx) {
                Poll::Ready(value) => {
                    *output = Some(value);
                    *slot = None; // never polled again, and dropped now
                }
                Poll::Pending => all_ready = false,
            }
        }
        if !all_ready {
            return Poll::Pending;
        }
        let outputs = this.outputs.iter_mut().map(|output| output.take());
        Poll::Ready(
            outputs.map(|o| o.expect("JoinBoxed polled after it completed")).collect(),
        )
    }
}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: give it
// /// the fields it needs, and write `poll`.
// pub struct JoinBoxed<T>(Vec<BoxedFuture<T>>);
//
// impl<T> Future for JoinBoxed<T> {
//     type Output = Vec<T>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<T>> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
