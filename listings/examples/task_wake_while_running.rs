//! Chapter 30: a wake that arrives while the task is being polled sets
//! NOTIFIED; the runner queues the task again after the poll, once.

use std::future::poll_fn;
use std::task::Poll;
use std::thread;

use listings::engine::task::demo::WakerSlot;
use listings::engine::task::queue::Queue;
use listings::engine::task::waker::task_state;

// ANCHOR: main
fn main() {
    let queue = Queue::new();
    let kept = WakerSlot::default();
    let slot = kept.clone();
    let mut polls = 0;
    let handle = queue.spawn(poll_fn(move |cx| {
        polls += 1;
        if polls > 1 {
            return Poll::Ready(polls);
        }
        *slot.lock().unwrap() = Some(cx.waker().clone());
        // Another thread wakes the task twice while this poll runs; the
        // poll waits for it to end (blocking here only to fix the order).
        let waker = cx.waker().clone();
        let state = thread::spawn(move || {
            waker.wake_by_ref();
            waker.wake_by_ref();
            task_state(&waker).unwrap()
        })
        .join()
        .unwrap();
        println!("poll 1, after two wakes from another thread: {state:?}");
        Poll::Pending
    }));

    queue.run_one();
    println!("poll 1 returned Pending: {} queued, {:?}", queue.len(), handle.state());
    kept.lock().unwrap().take().unwrap().wake();
    println!("woken again while queued: {} queued", queue.len());
    let runs = 1 + queue.run_until_idle();
    println!("runs: {runs}, state: {:?}", handle.state());
}
// ANCHOR_END: main
