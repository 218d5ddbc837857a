//! The exercise of chapter 10 and its solution (shown in the appendix):
//! `join_all`, where each child future gets a waker of its own, so that a
//! wake polls only the child it was meant for.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

// ANCHOR: solution
// ANCHOR: exercise
/// Runs every future of `futures` at once; ready with all their outputs, in
/// the order of `futures`. Each is polled at the start and then only after
/// its own waker was called; a finished one is never polled again.
pub fn join_all<F>(futures: Vec<F>) -> JoinAll<F>
where
    F: Future + Unpin,
    // ANCHOR_END: exercise
{
    // ANCHOR: todo
    let children = futures
        .into_iter()
        .map(|future| Child {
            future: Some(future),
            output: None,
            // Woken from the start, so the first poll polls every child.
            waker: Arc::new(ChildWaker {
                woken: AtomicBool::new(true),
                parent: Mutex::new(None),
            }),
        })
        .collect();
    JoinAll { children }
    // ANCHOR_END: todo
}

// ANCHOR: cut

/// The children, each with its own waker.
pub struct JoinAll<F: Future> {
    children: Vec<Child<F>>,
}

struct Child<F: Future> {
    /// `None` once finished.
    future: Option<F>,
    output: Option<F::Output>,
    waker: Arc<ChildWaker>,
}

/// A child's waker: it marks the child and passes the wake up to whoever
/// polls the `JoinAll`, as a `Job` of Listing 10-3 sends itself to the queue.
struct ChildWaker {
    woken: AtomicBool,
    /// The waker of the `JoinAll`'s latest poll.
    parent: Mutex<Option<Waker>>,
}

impl Wake for ChildWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Some(parent) = self.parent.lock().unwrap().as_ref() {
            parent.wake_by_ref();
        }
    }
}

impl<F: Future + Unpin> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `JoinAll` is `Unpin` (below), so the pin gives up a plain `&mut`.
        let this = self.get_mut();
        for child in &mut this.children {
            let Some(future) = child.future.as_mut() else {
                continue; // finished: never polled again
            };
            // Keep this poll's waker before looking at `woken`: a wake that
            // comes in between then reaches the right parent.
            *child.waker.parent.lock().unwrap() = Some(cx.waker().clone());
            if !child.waker.woken.swap(false, Ordering::SeqCst) {
                continue; // no news for this child
            }
            let waker = Waker::from(Arc::clone(&child.waker));
            if let Poll::Ready(output) =
                Pin::new(future).poll(&mut Context::from_waker(&waker))
            {
                child.output = Some(output);
                child.future = None;
            }
        }
        if this.children.iter().any(|child| child.future.is_some()) {
            return Poll::Pending;
        }
        let outputs = this.children.iter_mut().map(|child| child.output.take());
        Poll::Ready(
            outputs.map(|o| o.expect("polled after it returned Ready")).collect(),
        )
    }
}

/// The outputs are never pinned and the futures are `Unpin`, as in
/// `JoinBoth` (Listing 9-3): moving a `JoinAll` is harmless.
impl<F: Future + Unpin> Unpin for JoinAll<F> {}
// ANCHOR_END: cut
// ANCHOR_END: solution

// ANCHOR: starter
// /// Your future. This placeholder only lets the starter compile: replace
// /// it with the children and their wakers, and write `poll`.
// pub struct JoinAll<F>(Vec<F>);
//
// impl<F: Future + Unpin> Future for JoinAll<F> {
//     type Output = Vec<F::Output>;
//
//     fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
//         todo!()
//     }
// }
// ANCHOR_END: starter
