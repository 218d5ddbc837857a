//! The exercise of chapter 35 and its solution (shown in the appendix):
//! `recv_many`, one wait for a batch of messages, on the channel's public
//! `poll_recv`.

use std::future::poll_fn;
use std::task::{Context, Poll, Waker, ready};

use listings::many_threads::channel::Receiver;

// ANCHOR: solution
// ANCHOR: exercise
/// Waits for a message, then takes it and every message already buffered
/// behind it, up to `limit` in all, and appends them to `into`, oldest
/// first. Returns how many it took: 0 only when `limit` is 0 (at once) or
/// when `recv` would return `None`. Once it has returned, no waker of its
/// caller's is left registered with the channel.
pub async fn recv_many<T>(
    receiver: &mut Receiver<T>,
    into: &mut Vec<T>,
    limit: usize,
) -> usize {
    // ANCHOR_END: exercise
    // ANCHOR: todo
    if limit == 0 {
        return 0;
    }
    poll_fn(|cx| {
        let Some(first) = ready!(receiver.poll_recv(cx)) else {
            return Poll::Ready(0); // the channel's end
        };
        into.push(first);
        // The rest only if it is already there: look with a waker that does
        // nothing, so that an empty buffer does not register this task.
        let mut look = Context::from_waker(Waker::noop());
        let mut taken = 1;
        while taken < limit {
            let Poll::Ready(Some(message)) = receiver.poll_recv(&mut look) else {
                break;
            };
            into.push(message);
            taken += 1;
        }
        Poll::Ready(taken)
    })
    .await
    // ANCHOR_END: todo
}
// ANCHOR_END: solution
