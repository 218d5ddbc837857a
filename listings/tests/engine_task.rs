//! Chapter 30's claims about a task made by hand: one allocation, a
//! reference count that follows every waker, one free, and a wake while
//! the task runs that costs exactly one more poll. Runs under Miri
//! (`ci/miri.sh`): no clock, no sockets, a queue run by hand.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use listings::engine::task::demo::{CountFrees, Drops, WaitForWake, WakerSlot};
use listings::engine::task::queue::Queue;
use listings::engine::task::state::{COMPLETE, NOTIFIED, RUNNING};
use listings::engine::task::waker::task_state;
use listings::engine::task::{JoinHandle, Notified, Schedule, spawn};
use listings::state_machines::counting_alloc::{CountingAllocator, allocations_during};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Spawns `future` on `queue`, counting the task's frees in `frees`.
fn spawn_counted<F>(queue: &Queue, frees: &Drops, future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (task, handle) = spawn(future, CountFrees::new(queue.clone(), frees));
    queue.schedule(task);
    handle
}

/// Polls a handle once with a waker that does nothing.
fn poll_once<T>(handle: &mut JoinHandle<T>) -> Poll<T> {
    let mut cx = Context::from_waker(Waker::noop());
    match Pin::new(handle).poll(&mut cx) {
        Poll::Ready(result) => Poll::Ready(result.expect("the task completed")),
        Poll::Pending => Poll::Pending,
    }
}

fn refs<T>(handle: &JoinHandle<T>) -> usize {
    handle.state().ref_count()
}

#[test]
fn spawning_a_task_allocates_once() {
    let queue = Queue::new();
    let future = async { 7 };
    let ((task, handle), allocations) =
        allocations_during(|| spawn(future, queue.clone()));
    assert_eq!(
        allocations, 1,
        "state, future, output slot and scheduler share one allocation"
    );
    queue.schedule(task);
    queue.run_until_idle();
    assert!(handle.is_finished());

    // Part V's spawn: a `Box` for the future, an `Arc` for the job (the
    // first spawn also allocates the channel's first block of slots).
    let mut part_v = listings::in_depth::runtime::Runtime::new();
    part_v.spawn(async {});
    let ((), allocations) = allocations_during(|| part_v.spawn(async {}));
    assert_eq!(allocations, 2);
    assert_eq!(part_v.run(), 2);
}

#[test]
fn the_reference_count_follows_the_queue_the_handle_and_every_waker() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let handle = queue.spawn(WaitForWake::new(&slot));
    assert_eq!(refs(&handle), 2, "the queued task and the handle");

    assert_eq!(queue.run_until_idle(), 1);
    assert_eq!(refs(&handle), 2, "the handle and the waker the future kept");
    let kept = slot.lock().unwrap().take().unwrap();
    let clones: Vec<Waker> = (0..3).map(|_| kept.clone()).collect();
    assert_eq!(refs(&handle), 5);
    assert_eq!(task_state(&clones[0]).unwrap().ref_count(), 5);
    drop(clones);
    assert_eq!(refs(&handle), 2);

    kept.wake_by_ref();
    assert_eq!(
        refs(&handle),
        3,
        "wake_by_ref keeps its reference, the queued task gets one"
    );
    drop(kept);
    assert_eq!(refs(&handle), 2);
    assert_eq!(queue.run_until_idle(), 1);
    assert_eq!(refs(&handle), 1, "only the handle is left");
    assert!(handle.state().has(COMPLETE));
}

#[test]
fn wake_by_value_hands_its_reference_to_the_queued_task() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let handle = queue.spawn(WaitForWake::new(&slot));
    queue.run_until_idle();
    let kept = slot.lock().unwrap().take().unwrap();
    kept.wake();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        refs(&handle),
        2,
        "the handle and the queued task: no increment, no decrement"
    );
    queue.run_until_idle();
}

#[test]
fn a_task_taken_to_completion_frees_once_and_drops_future_and_output_once() {
    let (queue, frees, futures, outputs) =
        (Queue::new(), Drops::new(), Drops::new(), Drops::new());
    let (in_future, output) = (futures.guard(), outputs.guard());
    let mut handle = spawn_counted(&queue, &frees, async move {
        let _in_future = in_future;
        output
    });
    queue.run_until_idle();
    assert_eq!(
        (futures.count(), outputs.count()),
        (1, 0),
        "the future is dropped when it finishes"
    );
    let output = poll_once(&mut handle);
    assert!(output.is_ready());
    drop(output);
    assert_eq!(outputs.count(), 1);
    assert_eq!(frees.count(), 0, "the handle still holds the task");
    drop(handle);
    assert_eq!((futures.count(), outputs.count(), frees.count()), (1, 1, 1));
}

#[test]
fn a_handle_dropped_after_completion_drops_the_unread_output() {
    let (queue, frees, outputs) = (Queue::new(), Drops::new(), Drops::new());
    let output = outputs.guard();
    let handle = spawn_counted(&queue, &frees, async move { output });
    queue.run_until_idle();
    assert_eq!(outputs.count(), 0, "the output waits in the task");
    drop(handle);
    assert_eq!((outputs.count(), frees.count()), (1, 1));
}

#[test]
fn a_task_nobody_can_wake_is_freed_with_its_future_when_the_last_reference_goes() {
    let (queue, frees, futures) = (Queue::new(), Drops::new(), Drops::new());
    let slot = WakerSlot::default();
    let (in_future, wait) = (futures.guard(), WaitForWake::new(&slot));
    let handle = spawn_counted(&queue, &frees, async move {
        let _in_future = in_future;
        wait.await;
    });
    queue.run_until_idle();
    drop(handle);
    assert_eq!((futures.count(), frees.count()), (0, 0), "the kept waker holds it");
    drop(slot.lock().unwrap().take());
    assert_eq!((futures.count(), frees.count()), (1, 1), "the last waker freed it");
}

#[test]
fn a_wake_after_completion_queues_nothing_and_the_last_waker_frees_the_task() {
    let (queue, frees) = (Queue::new(), Drops::new());
    let kept = WakerSlot::default();
    let slot = kept.clone();
    let handle = spawn_counted(
        &queue,
        &frees,
        poll_fn(move |cx| {
            *slot.lock().unwrap() = Some(cx.waker().clone());
            Poll::Ready(())
        }),
    );
    queue.run_until_idle();
    drop(handle);
    let waker = kept.lock().unwrap().take().unwrap();
    waker.wake_by_ref();
    assert!(queue.is_empty());
    assert_eq!(frees.count(), 0);
    waker.wake();
    assert!(queue.is_empty());
    assert_eq!(frees.count(), 1);
}

/// A future that, on its first poll, wakes its own task `wakes` times (by
/// reference, by value on a clone, alternately), then answers `Pending`;
/// ready on any later poll. Counts its polls.
fn wakes_itself_while_running(
    wakes: usize,
    polls: &Arc<Mutex<usize>>,
) -> impl Future<Output = ()> + Send + use<> {
    let polls = Arc::clone(polls);
    poll_fn(move |cx| {
        let mut count = polls.lock().unwrap();
        *count += 1;
        if *count > 1 {
            return Poll::Ready(());
        }
        for i in 0..wakes {
            if i % 2 == 0 {
                cx.waker().wake_by_ref();
            } else {
                let clone = cx.waker().clone(); // wake by value: a clone's own reference
                clone.wake();
            }
            let state = task_state(cx.waker()).unwrap();
            assert!(state.has(RUNNING) && state.has(NOTIFIED));
        }
        Poll::Pending
    })
}

#[test]
fn a_wake_while_running_gives_exactly_one_more_poll() {
    for wakes in [1, 2, 5] {
        let queue = Queue::new();
        let polls = Arc::new(Mutex::new(0));
        let handle = queue.spawn(wakes_itself_while_running(wakes, &polls));
        assert!(queue.run_one());
        assert_eq!(
            queue.len(),
            1,
            "{wakes} wakes while running: the runner queued it once"
        );
        assert_eq!(refs(&handle), 2, "the queued task and the handle");
        assert_eq!(queue.run_until_idle(), 1);
        assert_eq!(*polls.lock().unwrap(), 2);
        assert!(handle.is_finished());
    }
}

#[test]
fn wakes_from_another_thread_while_running_give_exactly_one_more_poll() {
    let queue = Queue::new();
    let mut polls = 0;
    let handle = queue.spawn(poll_fn(move |cx| {
        polls += 1;
        if polls > 1 {
            return Poll::Ready(polls);
        }
        let waker = cx.waker().clone();
        // The poll waits for the thread, so both wakes land while it runs.
        let seen = thread::spawn(move || {
            waker.wake_by_ref();
            waker.wake();
        })
        .join();
        assert!(seen.is_ok());
        Poll::Pending
    }));
    assert!(queue.run_one());
    assert_eq!(queue.len(), 1);
    assert_eq!(queue.run_until_idle(), 1);
    let mut handle = handle;
    assert_eq!(poll_once(&mut handle), Poll::Ready(2));
}

#[test]
fn a_wake_of_a_task_already_queued_queues_nothing() {
    let queue = Queue::new();
    let slot = WakerSlot::default();
    let handle = queue.spawn(WaitForWake::new(&slot));
    queue.run_until_idle();
    let kept = slot.lock().unwrap().take().unwrap();
    kept.wake_by_ref();
    kept.wake_by_ref();
    let clone = kept.clone();
    clone.wake();
    assert_eq!(queue.len(), 1, "three wakes, one queued task");
    assert_eq!(refs(&handle), 3, "the handle, the kept waker, the queued task");
    drop(kept);
    assert_eq!(queue.run_until_idle(), 1);
    assert!(handle.is_finished());
}

#[test]
fn many_tasks_woken_from_other_threads_each_finish_and_are_freed_once() {
    const TASKS: usize = 8;
    let (queue, frees) = (Queue::new(), Drops::new());
    let slots: Vec<WakerSlot> = (0..TASKS).map(|_| WakerSlot::default()).collect();
    let mut handles: Vec<_> = slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let wait = WaitForWake::new(slot);
            spawn_counted(&queue, &frees, async move {
                wait.await;
                i
            })
        })
        .collect();
    assert_eq!(queue.run_until_idle(), TASKS);
    let wakers: Vec<Waker> =
        slots.iter().map(|s| s.lock().unwrap().take().unwrap()).collect();
    let threads: Vec<_> =
        wakers.into_iter().map(|w| thread::spawn(move || w.wake())).collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(queue.run_until_idle(), TASKS);
    for (i, handle) in handles.iter_mut().enumerate() {
        assert_eq!(poll_once(handle), Poll::Ready(i));
    }
    drop(handles);
    assert_eq!(frees.count(), TASKS);
}

#[test]
fn a_waker_of_another_kind_is_not_a_task() {
    assert!(task_state(Waker::noop()).is_none());
}

/// Pending on every poll; on the first, wakes its task twice. Ready on
/// the third poll. Counts its polls.
fn wakes_twice_then_waits(
    polls: &Arc<Mutex<usize>>,
) -> impl Future<Output = ()> + Send + use<> {
    let polls = Arc::clone(polls);
    poll_fn(move |cx| {
        let mut count = polls.lock().unwrap();
        *count += 1;
        match *count {
            1 => {
                cx.waker().wake_by_ref();
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            2 => Poll::Pending, // keeps no waker: only a queued copy can poll it again
            _ => Poll::Ready(()),
        }
    })
}

/// Part V's channel holds one entry per wake, so two wakes while running
/// poll the task twice more. The state word's NOTIFIED queues it once: the
/// task is polled once more, and then nobody can poll it again.
#[test]
fn part_v_queues_a_task_once_per_wake_and_the_state_word_once() {
    let polls = Arc::new(Mutex::new(0));
    let mut part_v = listings::in_depth::runtime::Runtime::new();
    part_v.spawn(wakes_twice_then_waits(&polls));
    assert_eq!(part_v.run(), 3, "one poll, then one per wake");
    assert_eq!(*polls.lock().unwrap(), 3);

    let polls = Arc::new(Mutex::new(0));
    let queue = Queue::new();
    let handle = queue.spawn(wakes_twice_then_waits(&polls));
    assert_eq!(queue.run_until_idle(), 2, "one poll, then one for both wakes");
    assert_eq!(*polls.lock().unwrap(), 2);
    assert!(!handle.is_finished());
}

/// A scheduler that has shut down: it drops every task it is given, then
/// still reads its own field, as a real one might (to count, or to log).
struct ShutDown {
    refused: AtomicUsize,
    frees: Drops,
}

impl Schedule for ShutDown {
    fn schedule(&self, task: Notified) {
        drop(task);
        self.refused.fetch_add(1, Ordering::SeqCst); // `self` lives in the task
    }
}

impl Drop for ShutDown {
    fn drop(&mut self) {
        drop(self.frees.guard());
    }
}

/// The scheduler lives inside the task, so a scheduler that drops the last
/// queued reference would free itself while its `schedule` still runs:
/// `schedule` in raw.rs holds one more reference around the call. (Without
/// it, Miri reports undefined behaviour: the task, and the scheduler in it,
/// freed while `schedule` still holds `&self`.)
#[test]
fn a_scheduler_that_drops_the_task_it_is_given_is_not_freed_during_the_call() {
    let frees = Drops::new();
    let slot = WakerSlot::default();
    let scheduler = ShutDown { refused: AtomicUsize::new(0), frees: frees.clone() };
    let (task, handle) = spawn(WaitForWake::new(&slot), scheduler);
    task.run(); // the first poll, by hand: the future keeps its waker
    drop(handle);
    assert_eq!(frees.count(), 0, "the kept waker holds the task");
    let waker = slot.lock().unwrap().take().unwrap();
    waker.wake(); // the last reference moves into the task the scheduler drops
    assert_eq!(frees.count(), 1, "freed once, after `schedule` returned");
}
