//! Chapter 36: our async mutex driven by hand, with a counting waker for
//! each waiter. Three waiters queue; one is dropped while queued and
//! leaves the queue; the unlock hands the lock to the oldest, which is
//! dropped before its next poll and passes the lock on to the last.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use listings::many_threads::mutex::{Lock, Mutex};

/// Counts its wakes.
#[derive(Default)]
struct Wakes(AtomicUsize);

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A waiter: a lock future and the waker it is polled with.
struct Waiter<'a> {
    lock: Lock<'a, u32>,
    wakes: Arc<Wakes>,
}

impl<'a> Waiter<'a> {
    fn new(mutex: &'a Mutex<u32>) -> Waiter<'a> {
        Waiter { lock: mutex.lock(), wakes: Arc::default() }
    }

    fn poll(&mut self) -> Poll<listings::many_threads::mutex::MutexGuard<'a, u32>> {
        let waker = Waker::from(Arc::clone(&self.wakes));
        Pin::new(&mut self.lock).poll(&mut Context::from_waker(&waker))
    }

    fn woken(&self) -> usize {
        self.wakes.0.load(Ordering::SeqCst)
    }
}

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
