//! Chapter 30: the reference count in the state word, step by step, from
//! spawn to free: the queued task, the handle, and every waker count one.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use listings::engine::task::demo::{CountFrees, Drops, WaitForWake, WakerSlot};
use listings::engine::task::queue::Queue;
use listings::engine::task::{Schedule, spawn, waker::task_state};

// ANCHOR: main
fn main() {
    let queue = Queue::new();
    let (futures, outputs, frees) = (Drops::new(), Drops::new(), Drops::new());
    let slot = WakerSlot::default();

    let (in_future, output) = (futures.guard(), outputs.guard());
    let wait = WaitForWake::new(&slot);
    let future = async move {
        let _in_future = in_future; // dropped with the future
        wait.await;
        output
    };
    let (task, mut handle) = spawn(future, CountFrees::new(queue.clone(), &frees));
    println!("spawned:           {:?}", task.state());
    queue.schedule(task);

    queue.run_one();
    println!("first poll:        {:?}", handle.state());
    let kept = slot.lock().unwrap().take().expect("the future kept its waker");
    let clone = kept.clone();
    println!("waker cloned:      {:?}", task_state(&clone).unwrap());
    drop(clone);
    println!("clone dropped:     {:?}", handle.state());
    kept.wake();
    println!("woken (by value):  {:?}, {} queued", handle.state(), queue.len());

    queue.run_one();
    println!("second poll:       {:?}", handle.state());
    let mut cx = Context::from_waker(Waker::noop());
    let Poll::Ready(Ok(guard)) = Pin::new(&mut handle).poll(&mut cx) else {
        panic!("the task has completed");
    };
    drop(guard);
    drop(handle);
    println!(
        "handle dropped:    future dropped {}, output dropped {}, task freed {}",
        futures.count(),
        outputs.count(),
        frees.count()
    );
}
// ANCHOR_END: main
