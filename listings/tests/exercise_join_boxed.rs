//! The exercise of chapter 17 (Listing 17-10): `join_boxed`. These tests pass
//! on the book's solution, `listings/src/state_machines/join_boxed.rs`; on
//! the starter, `listings/exercises/state_machines/join_boxed.rs`, run with
//! `cargo test -p listings --features starter --test exercise_join_boxed`,
//! they fail until you have written it.

mod common;

use std::cell::Cell;
use std::future::{Future, poll_fn, ready};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use common::within_limit;
use listings::block_on::block_on;
use listings::own_futures::thread_timer::thread_timer;
use listings::poll_count::counting_polls;
use listings::state_machines::join_boxed::{BoxedFuture, join_boxed};

#[test]
fn join_boxed_keeps_the_order_of_its_futures() {
    let outputs = within_limit("block_on(join_boxed(..))", || {
        let slow: BoxedFuture<&str> = Box::pin(async {
            thread_timer(Duration::from_millis(30)).await;
            "slow"
        });
        let fast: BoxedFuture<&str> = Box::pin(async {
            thread_timer(Duration::from_millis(1)).await;
            "fast"
        });
        block_on(join_boxed(vec![slow, fast, Box::pin(ready("at once"))]))
    });
    assert_eq!(outputs, ["slow", "fast", "at once"]);
}

/// Ready with `needed` on its `needed`-th poll, waking itself before each
/// `Pending`; counts its polls in `polls`.
fn counted(needed: u32, polls: Rc<Cell<u32>>) -> BoxedFuture<u32> {
    Box::pin(poll_fn(move |cx: &mut Context<'_>| {
        polls.set(polls.get() + 1);
        if polls.get() < needed {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(needed)
    }))
}

#[test]
fn join_boxed_polls_each_future_only_until_it_is_ready() {
    let (outputs, child_polls, join_polls) =
        within_limit("block_on(join_boxed(..))", || {
            let children: Vec<Rc<Cell<u32>>> = (0..3).map(|_| Rc::default()).collect();
            let futures = [1, 3, 2].into_iter().zip(&children);
            let joined = join_boxed(
                futures.map(|(n, polls)| counted(n, Rc::clone(polls))).collect(),
            );
            let join_polls = Cell::new(0);
            let outputs = block_on(counting_polls(joined, &join_polls));
            let child_polls: Vec<u32> =
                children.iter().map(|polls| polls.get()).collect();
            (outputs, child_polls, join_polls.get())
        });
    assert_eq!(outputs, [1, 3, 2]);
    assert_eq!(child_polls, [1, 3, 2], "a child was polled after its Ready");
    assert_eq!(join_polls, 3);
}

#[test]
fn join_boxed_of_no_futures_is_ready_at_once() {
    let mut joined = pin!(join_boxed(Vec::<BoxedFuture<u8>>::new()));
    let mut cx = Context::from_waker(std::task::Waker::noop());
    assert_eq!(joined.as_mut().poll(&mut cx), Poll::Ready(vec![]));
}

#[test]
fn join_boxed_moves_freely_whatever_its_output() {
    fn moved<T: Unpin>(value: T) -> T {
        value
    }
    // `PhantomPinned` is never `Unpin`; a join whose outputs are may still move.
    let unmovable: BoxedFuture<std::marker::PhantomPinned> =
        Box::pin(ready(std::marker::PhantomPinned));
    let joined = moved(join_boxed(vec![unmovable]));
    let mut cx = Context::from_waker(std::task::Waker::noop());
    assert!(Pin::new(&mut { joined }).poll(&mut cx).is_ready());
}
