//! The exercise of chapter 37 (Listing 37-3): `LazyLoop::run`, a run loop
//! that checks its driver only every `interval` turns while tasks are
//! queued. These tests pass on the book's solution,
//! `listings/src/many_threads/lazy_driver.rs`; on the starter,
//! `listings/exercises/many_threads/lazy_driver.rs`, run with
//! `cargo test -p listings --features starter --test exercise_lazy_driver`,
//! they fail until you have written it. They count the driver's calls on a
//! fake driver; no test looks at a clock.

mod common;

use std::future::Future;
use std::io;
use std::mem;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use common::within_limit;
use listings::engine::reactor::{Park, Parked};
use listings::many_threads::lazy_driver::LazyLoop;

/// Where a waiting task leaves its waker for the fake driver to wake.
type Events = Arc<Mutex<Vec<Waker>>>;

/// A driver that counts how it is asked, and on every park delivers one
/// event to every task waiting for one.
#[derive(Default)]
struct FakeDriver {
    looks: usize,
    blocks: usize,
    events: Events,
}

impl Park for FakeDriver {
    fn park(&mut self, timeout: Option<Duration>) -> io::Result<Parked> {
        let waiting = mem::take(&mut *self.events.lock().unwrap());
        match timeout {
            Some(Duration::ZERO) => self.looks += 1,
            None => {
                assert!(
                    !waiting.is_empty(),
                    "blocked with nothing to wait for: a hang"
                );
                self.blocks += 1;
            }
            Some(other) => panic!("the loop parked with a timeout of {other:?}"),
        }
        let events = waiting.len();
        waiting.into_iter().for_each(Waker::wake);
        Ok(Parked { events, fired: 0 })
    }
}

/// Wakes its own task and returns `Pending` once.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Waits for one event from the fake driver.
struct Event {
    events: Events,
    registered: bool,
}

impl Future for Event {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.registered {
            return Poll::Ready(());
        }
        self.registered = true;
        self.events.lock().unwrap().push(cx.waker().clone());
        Poll::Pending
    }
}

fn run(mut runtime: LazyLoop<FakeDriver>) -> (usize, usize) {
    within_limit("the loop", move || {
        runtime.run().expect("the fake driver never fails");
        (runtime.driver().looks, runtime.driver().blocks)
    })
}

#[test]
fn a_busy_loop_looks_at_its_driver_once_every_interval_turns() {
    let runtime = LazyLoop::new(FakeDriver::default(), 61);
    // 611 turns: 610 that leave the task queued again, then the last.
    runtime.handle().spawn(async {
        for _ in 0..610 {
            YieldNow(false).await;
        }
    });
    assert_eq!(run(runtime), (10, 0), "turns 61, 122, ... 610; never blocked");
}

#[test]
fn with_an_interval_of_one_it_is_part_vis_eager_loop() {
    let runtime = LazyLoop::new(FakeDriver::default(), 1);
    runtime.handle().spawn(async {
        for _ in 0..100 {
            YieldNow(false).await;
        }
    });
    assert_eq!(run(runtime), (100, 0), "a look after every turn but the last");
}

#[test]
fn turns_are_counted_across_tasks_and_the_last_one_parks_nowhere() {
    let runtime = LazyLoop::new(FakeDriver::default(), 2);
    let handle = runtime.handle();
    for _ in 0..5 {
        handle.spawn(async {});
    }
    // Turns 2 and 4 leave tasks queued; after turn 5 none is alive.
    assert_eq!(run(runtime), (2, 0));
}

#[test]
fn a_loop_with_nothing_queued_blocks_in_its_driver() {
    let driver = FakeDriver::default();
    let events = Arc::clone(&driver.events);
    let runtime = LazyLoop::new(driver, 61);
    runtime.handle().spawn(async move {
        for _ in 0..3 {
            Event { events: Arc::clone(&events), registered: false }.await;
        }
    });
    assert_eq!(run(runtime), (0, 3), "one block per event, no look");
}

#[test]
fn an_event_waits_for_the_next_look_while_others_are_busy() {
    let driver = FakeDriver::default();
    let events = Arc::clone(&driver.events);
    let runtime = LazyLoop::new(driver, 10);
    let handle = runtime.handle();
    let order = Arc::new(Mutex::new(Vec::new()));
    let (seen, done) = (Arc::clone(&order), Arc::clone(&order));
    handle.spawn(async move {
        Event { events, registered: false }.await;
        seen.lock().unwrap().push("event");
    });
    handle.spawn(async move {
        for i in 0..30 {
            YieldNow(false).await;
            if i == 5 {
                done.lock().unwrap().push("yield 6");
            }
            if i == 15 {
                done.lock().unwrap().push("yield 16");
            }
        }
    });
    // Turn 1 registers the event, turns 2-11 run the yielder; the look after
    // turn 10 delivers the event, which queues behind the yielder and runs
    // on turn 12. The yielder's 31 polls are turns 2-11 and 13-33: looks
    // after turns 10, 20 and 30, and none after the last.
    assert_eq!(run(runtime), (3, 0), "the event came with a look, not a block");
    assert_eq!(*order.lock().unwrap(), ["yield 6", "event", "yield 16"]);
}
