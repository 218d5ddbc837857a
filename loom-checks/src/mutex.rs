//! Chapter 36: our async mutex under loom. `fair.rs` is the listings' own
//! file, compiled here against loom's `Mutex` and `UnsafeCell`, so loom
//! checks every access to the data (a guard's `deref` racing another's
//! fails the model) and runs the lock, unlock and drop of a waiter in every
//! order that can make a difference. A waiter that waits forever (a lost
//! wake or a lost handoff) fails too: loom reports the deadlock. The tests
//! are in `tests/mutex.rs` (`bash ci/loom.sh`), which compiles this file
//! as a module of its own.

use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Wake, Waker};

use loom::model::Builder;
use loom::sync::Arc;
use loom::thread;

/// Stands in for the `listings` crate: `fair.rs` imports its blocking lock
/// and its cell as `listings::many_threads::mutex::sync`, and here that
/// path leads to loom's.
mod listings {
    pub mod many_threads {
        pub mod mutex {
            pub mod sync {
                pub use loom::cell::UnsafeCell;
                pub use loom::sync::Mutex;
            }
        }
    }
}

/// The listings' async mutex, compiled here against loom's types.
#[allow(dead_code)]
pub mod fair {
    use super::listings;
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../listings/src/many_threads/mutex/fair.rs"
    ));
}

use fair::{Mutex, Owner};

/// Wakes a loom thread parked in `block_on`.
struct Unpark(thread::Thread);

impl Wake for Unpark {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this loom thread, parking between polls until its
/// waker is woken. A wake that never comes leaves the thread parked, and
/// loom reports the deadlock.
fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(std::sync::Arc::new(Unpark(thread::current())));
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) =
            future.as_mut().poll(&mut Context::from_waker(&waker))
        {
            return output;
        }
        thread::park();
    }
}

/// Explores every order with up to `bound` preemptions: enough for these
/// small models, and a bound keeps the three-thread ones to seconds.
fn model(bound: usize, f: impl Fn() + Sync + Send + 'static) {
    let mut builder = Builder::new();
    builder.preemption_bound = Some(bound);
    builder.check(f);
}

// ANCHOR: two_lockers
/// Two threads lock, increment and unlock while the main thread does the
/// same. Every order ends with three increments, no data race on the value,
/// and nobody left waiting: a waiter queued just as the lock is released is
/// handed it and woken.
pub fn three_lockers_each_increment_once_and_nobody_waits_forever() {
    model(3, || {
        let mutex = Arc::new(Mutex::new(0));
        let lockers: Vec<_> = (0..2)
            .map(|_| {
                let mutex = Arc::clone(&mutex);
                thread::spawn(move || *block_on(mutex.lock()) += 1)
            })
            .collect();
        *block_on(mutex.lock()) += 1;
        for locker in lockers {
            locker.join().unwrap();
        }
        assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
        assert_eq!(*mutex.try_lock().unwrap(), 3);
    });
}
// ANCHOR_END: two_lockers

/// Polls `lock` once with a waker that does nothing, then drops it: a
/// waiter that gives up, whether it was queued, handed the lock, or took it.
fn poll_once_and_drop<T>(lock: fair::Lock<'_, T>) {
    let mut lock = lock;
    drop(Pin::new(&mut lock).poll(&mut Context::from_waker(Waker::noop())));
}

// ANCHOR: drop_waiter
/// The main thread holds the lock and releases it while one waiter gives
/// up after one poll and another waits for good. In every order the one
/// that waits gets the lock: the one that gave up left the queue, or
/// passed on the lock it had been handed.
pub fn a_waiter_giving_up_during_an_unlock_passes_its_turn_on() {
    model(2, || {
        let mutex = Arc::new(Mutex::new(0));
        let guard = mutex.try_lock().unwrap();
        let quitter = {
            let mutex = Arc::clone(&mutex);
            thread::spawn(move || poll_once_and_drop(mutex.lock()))
        };
        let waiter = {
            let mutex = Arc::clone(&mutex);
            thread::spawn(move || *block_on(mutex.lock()) += 1)
        };
        drop(guard);
        quitter.join().unwrap();
        waiter.join().unwrap();
        assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
        assert_eq!(*mutex.try_lock().unwrap(), 1);
    });
}
// ANCHOR_END: drop_waiter

/// A waiter handed the lock is dropped on another thread while a new
/// locker arrives: the lock goes to the new locker or is set free, never
/// lost, and the new locker gets it.
pub fn a_handed_waiter_dropped_while_another_locks_loses_nothing() {
    model(3, || {
        let mutex = Arc::new(Mutex::new(0));
        let guard = mutex.try_lock().unwrap();
        let mut handed = mutex.lock();
        assert!(
            Pin::new(&mut handed)
                .poll(&mut Context::from_waker(Waker::noop()))
                .is_pending()
        );
        drop(guard); // handed to `handed`, which is never polled again
        assert_eq!(mutex.snapshot().0, Owner::HandedTo(0));
        let locker = {
            let mutex = Arc::clone(&mutex);
            thread::spawn(move || *block_on(mutex.lock()) += 1)
        };
        drop(handed);
        locker.join().unwrap();
        assert_eq!(mutex.snapshot(), (Owner::Free, vec![]));
    });
}
