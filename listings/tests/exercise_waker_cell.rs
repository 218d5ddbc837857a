//! The exercise of chapter 24 (Listing 24-11): `WakerCell`. These tests
//! pass on the book's solution, `listings/src/in_depth/waker_cell.rs`; on
//! the starter, `listings/exercises/in_depth/waker_cell.rs`, run with
//! `cargo test -p listings --features starter --test exercise_waker_cell`,
//! they fail until you have written it.

mod common;

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

use common::{counting_waker, within_limit};
use listings::in_depth::alarm::{Until, cord};
use listings::in_depth::handover::hand_over;
use listings::in_depth::trace::Trace;
use listings::in_depth::waker_cell::WakerCell;

#[test]
fn wake_calls_the_waker_of_the_latest_register_only() {
    let (first, first_waker) = counting_waker();
    let (second, second_waker) = counting_waker();
    let cell = WakerCell::new();
    cell.register(&first_waker);
    cell.register(&second_waker);
    cell.wake();
    assert_eq!((first.count(), second.count()), (0, 1));
}

#[test]
fn a_wake_empties_the_cell_and_an_empty_cell_wakes_nobody() {
    let (counter, waker) = counting_waker();
    let cell = WakerCell::new();
    cell.wake(); // nothing registered: nothing to do, and no panic
    cell.register(&waker);
    cell.wake();
    cell.wake(); // the waker was used up by the first wake
    assert_eq!(counter.count(), 1);
}

#[test]
fn registering_the_same_task_again_does_not_clone_its_waker() {
    let (counter, waker) = counting_waker();
    let alone = Arc::strong_count(&counter); // the test's two handles
    let cell = WakerCell::new();
    for _ in 0..5 {
        cell.register(&waker);
    }
    assert_eq!(
        Arc::strong_count(&counter),
        alone + 1,
        "the cell should hold one clone, made by the first register"
    );
    let (other, other_waker) = counting_waker();
    cell.register(&other_waker);
    assert_eq!(Arc::strong_count(&counter), alone, "the old waker should be dropped");
    assert_eq!(Arc::strong_count(&other), alone + 1);
}

/// A waker whose wake registers it again in the cell, as a runtime that
/// polls the woken task at once would.
struct Eager {
    cell: Arc<WakerCell>,
    me: Mutex<Option<Waker>>,
    woken: AtomicBool,
}

impl Wake for Eager {
    fn wake(self: Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Some(me) = self.me.lock().unwrap().take() {
            self.cell.register(&me);
        }
    }
}

#[test]
fn a_waker_may_register_again_from_inside_its_wake() {
    let woken = within_limit("a wake that registers", || {
        let cell = Arc::new(WakerCell::new());
        let eager = Arc::new(Eager {
            cell: Arc::clone(&cell),
            me: Mutex::new(None),
            woken: AtomicBool::new(false),
        });
        let waker = Waker::from(Arc::clone(&eager));
        *eager.me.lock().unwrap() = Some(waker.clone());
        cell.register(&waker);
        cell.wake(); // deadlocks if the cell's lock is held during the wake
        eager.woken.load(Ordering::SeqCst)
    });
    assert!(woken);
}

/// Chapter 24's alarm, with its bell's waker kept in a `WakerCell`.
struct CellAlarm {
    until: Option<Until>,
    rung: Arc<AtomicBool>,
    cell: Arc<WakerCell>,
}

impl Future for CellAlarm {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        this.cell.register(cx.waker()); // first, so that no ring is missed
        if let Some(until) = this.until.take() {
            let (rung, cell) = (Arc::clone(&this.rung), Arc::clone(&this.cell));
            thread::spawn(move || {
                until.wait();
                rung.store(true, Ordering::SeqCst);
                cell.wake();
            });
        }
        if this.rung.load(Ordering::SeqCst) { Poll::Ready(()) } else { Poll::Pending }
    }
}

#[test]
fn an_alarm_on_the_cell_survives_a_hand_over_between_tasks() {
    let polls = within_limit("the hand-over", || {
        let (until, cord) = cord();
        let alarm = CellAlarm {
            until: Some(until),
            rung: Arc::new(AtomicBool::new(false)),
            cell: Arc::new(WakerCell::new()),
        };
        hand_over(alarm, cord, &Trace::default())
    });
    assert_eq!(polls, 4, "the same four polls as chapter 24's `Alarm`");
}
