//! Listings 28-16, 28-17 and 28-19: the race between an event and a stored waker,
//! played step by step on one thread, the wrong way and the right way.

use std::task::{Context, Poll};

use listings::engine::reactor::{Direction, Entry, Ready, WakeCount};

fn main() {
    lost_between_look_and_store();
    lost_by_a_blind_clear();
    fixed();
}

// ANCHOR: lost
fn lost_between_look_and_store() {
    let entry = Entry::default();
    let (wakes, waker) = WakeCount::new();

    let ready = entry.is_ready(Direction::Read); // step 1: nothing yet
    let woken = entry.set_readiness(Ready::READABLE); // the event lands here
    entry.store_waker(Direction::Read, &waker); // step 2: too late
    println!(
        "look, event, store: ready {ready}, event woke {woken}, task woken {}",
        wakes.get()
    );
}
// ANCHOR_END: lost

// ANCHOR: blind_clear
fn lost_by_a_blind_clear() {
    let entry = Entry::default();
    let (wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);

    entry.set_readiness(Ready::READABLE); // bytes arrived
    assert!(entry.poll_ready(&mut cx, Direction::Read).is_ready());
    // The read drains them and gets WouldBlock; then more bytes arrive:
    entry.set_readiness(Ready::READABLE);
    entry.clear_blindly(Direction::Read); // wipes the second event too
    let next = entry.poll_ready(&mut cx, Direction::Read);
    println!(
        "read, event, clear: next poll_ready {next:?}, task woken {}",
        wakes.get()
    );
}
// ANCHOR_END: blind_clear

// ANCHOR: fixed
fn fixed() {
    let entry = Entry::default();
    let (wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);

    // The event after the look-and-store finds the waker.
    let first = entry.poll_ready(&mut cx, Direction::Read);
    entry.set_readiness(Ready::READABLE);
    println!("poll_ready, event: first {first:?}, task woken {}", wakes.get());

    // A clear with an old tick keeps the event that came in between.
    let Poll::Ready(seen) = entry.poll_ready(&mut cx, Direction::Read) else {
        unreachable!("the event set readiness")
    };
    entry.set_readiness(Ready::READABLE); // arrives after the read's WouldBlock
    entry.clear_readiness(seen);
    let next = entry.poll_ready(&mut cx, Direction::Read);
    println!("read, event, clear by tick {}: next poll_ready {next:?}", seen.tick);
}
// ANCHOR_END: fixed
