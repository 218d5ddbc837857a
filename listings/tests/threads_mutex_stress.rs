//! Chapter 36's stress tests: more tasks than cores, on several threads,
//! increment a plain (non-atomic) counter under our async mutex. No update
//! is lost, no two guards exist at once, and every waiter is served, also
//! when many waiters give up after one poll. Each run waits within a
//! limit. The thread-only test runs under Miri too, smaller.

use std::future::poll_fn;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::thread;

mod common;

use common::within_limit;
use listings::engine::task::demo::yield_now;
use listings::many_threads::mutex::Mutex;
use listings::many_threads::mutex::fair::Owner;

/// The counter and a count of guards alive right now, which must never
/// exceed one.
#[derive(Default)]
struct Shared {
    count: Mutex<u64>,
    holders: AtomicUsize,
}

impl Shared {
    /// One increment under the lock, holding it across a yield if `yields`.
    async fn increment(&self, yields: bool) {
        let mut count = self.count.lock().await;
        assert_eq!(
            self.holders.fetch_add(1, Ordering::SeqCst),
            0,
            "two guards at once"
        );
        let before = *count;
        if yields {
            yield_now().await;
        }
        *count = before + 1;
        self.holders.fetch_sub(1, Ordering::SeqCst);
    }
}

#[test]
#[cfg_attr(miri, ignore = "Tokio's multi-thread runtime")]
fn sixty_four_tasks_on_four_workers_lose_no_update() {
    const TASKS: u64 = 64;
    const EACH: u64 = 500;
    let shared = Arc::new(Shared::default());
    let (total, served) = within_limit("64 tasks on 4 workers", {
        let shared = Arc::clone(&shared);
        move || {
            let runtime = four_workers();
            runtime.block_on(async {
                let tasks: Vec<_> = (0..TASKS)
                    .map(|task| {
                        let shared = Arc::clone(&shared);
                        tokio::spawn(async move {
                            for step in 0..EACH {
                                shared.increment((task + step) % 8 == 0).await;
                            }
                        })
                    })
                    .collect();
                let mut served = 0;
                for task in tasks {
                    task.await.expect("no task panicked");
                    served += 1;
                }
                (*shared.count.lock().await, served)
            })
        }
    });
    assert_eq!(served, TASKS, "every task finished");
    assert_eq!(total, TASKS * EACH, "no update lost");
    assert_eq!(shared.count.snapshot(), (Owner::Free, vec![]));
}

#[test]
#[cfg_attr(miri, ignore = "Tokio's multi-thread runtime")]
fn waiters_that_give_up_after_one_poll_leave_every_other_waiter_served() {
    const TASKS: u64 = 48;
    const EACH: u64 = 200;
    let shared = Arc::new(Shared::default());
    let (total, abandoned) = within_limit("48 tasks, half of their locks abandoned", {
        let shared = Arc::clone(&shared);
        move || {
            let runtime = four_workers();
            let abandoned = Arc::new(AtomicUsize::new(0));
            let total = runtime.block_on(async {
                let tasks: Vec<_> = (0..TASKS)
                    .map(|task| {
                        let (shared, abandoned) =
                            (Arc::clone(&shared), Arc::clone(&abandoned));
                        tokio::spawn(async move {
                            for step in 0..EACH {
                                if (task + step) % 2 == 0 {
                                    // Poll a lock once, then drop it: queued,
                                    // handed the lock, or holding it at once.
                                    let mut lock = pin!(shared.count.lock());
                                    poll_fn(|cx| {
                                        if lock.as_mut().poll(cx).is_pending() {
                                            abandoned.fetch_add(1, Ordering::SeqCst);
                                        }
                                        Poll::Ready(())
                                    })
                                    .await;
                                    yield_now().await;
                                }
                                shared.increment(step % 4 == 1).await;
                            }
                        })
                    })
                    .collect();
                for task in tasks {
                    task.await.expect("no task panicked");
                }
                *shared.count.lock().await
            });
            (total, abandoned.load(Ordering::SeqCst))
        }
    });
    assert_eq!(total, TASKS * EACH, "no update lost, nobody left waiting");
    assert!(abandoned > 0, "some lock futures were dropped while waiting");
    assert_eq!(shared.count.snapshot(), (Owner::Free, vec![]));
}

#[test]
fn threads_blocking_on_lock_futures_lose_no_update() {
    let (threads, each) = if cfg!(miri) { (3, 20) } else { (8, 2000) };
    let shared = Arc::new(Shared::default());
    within_limit("threads on one mutex", {
        let shared = Arc::clone(&shared);
        move || {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let shared = Arc::clone(&shared);
                    thread::spawn(move || {
                        for step in 0..each {
                            futures::executor::block_on(
                                shared.increment(step % 3 == 0),
                            );
                        }
                    })
                })
                .collect();
            for worker in workers {
                worker.join().expect("no thread panicked");
            }
        }
    });
    assert_eq!(*shared.count.try_lock().unwrap(), threads * each);
}

/// Tokio's multi-thread runtime with four workers: more threads than the
/// machine's two cores, so that tasks are preempted inside their sections.
fn four_workers() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .build()
        .expect("a four-worker runtime")
}
