//! Chapter 36: our async mutex driven by hand, with a counting waker for
//! each waiter. Three waiters queue; one is dropped while queued and
//! leaves the queue; the unlock hands the lock to the oldest, which is
//! dropped before its next poll and passes the lock on to the last.

use listings::many_threads::mutex::Mutex;
use listings::many_threads::mutex::demo::Waiter;
use std::task::Poll;

// ANCHOR: main
fn main() {
    let mutex = Mutex::new(0);
    let guard = mutex.try_lock().expect("a new mutex is free");
    let (mut b, mut c, mut d) =
        (Waiter::new(&mutex), Waiter::new(&mutex), Waiter::new(&mutex));
    for waiter in [&mut b, &mut c, &mut d] {
        assert!(waiter.poll().is_pending());
    }
    println!("b, c, d polled once:  {mutex:?}");

    drop(c);
    println!("c dropped, queued:    {mutex:?}");

    drop(guard);
    println!("guard dropped:        {mutex:?}; b woken {}", b.woken());
    println!("try_lock now:         {:?}", mutex.try_lock().map(|_| "a guard"));

    drop(b);
    println!("b dropped, unpolled:  {mutex:?}; d woken {}", d.woken());

    let Poll::Ready(mut guard) = d.poll() else { panic!("d was handed the lock") };
    *guard += 1;
    println!("d polled: a guard;    {mutex:?}");
    drop(guard);
    println!("d's guard dropped:    {mutex:?}");
}
// ANCHOR_END: main
