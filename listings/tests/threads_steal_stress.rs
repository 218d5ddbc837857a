//! Chapter 34's stress tests: more tasks than cores, on four workers. Ten
//! thousand tasks in a ring pass tokens to each other, so that every wake
//! crosses from one task to another and often from one worker to another;
//! every task receives exactly the tokens it should, once each. Each run
//! waits within a limit.

use std::future::poll_fn;
use std::mem;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

mod common;

use common::within_limit;
use listings::engine::task::demo::yield_now;
use listings::many_threads::steal::Runtime;

/// One task of the ring: the tokens delivered to it (each with how many
/// deliveries it has made so far), and its waker.
#[derive(Default)]
struct Node {
    inbox: Mutex<Vec<usize>>,
    waker: Mutex<Option<Waker>>,
}

impl Node {
    fn deliver(&self, hops: usize) {
        self.inbox.lock().unwrap().push(hops);
        let waker = self.waker.lock().unwrap().clone();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

#[test]
fn ten_thousand_tasks_passing_tokens_around_a_ring_lose_and_repeat_none() {
    const TASKS: usize = 10_000;
    const TOKENS: usize = 8;
    const LAPS: usize = 2;
    let received = within_limit("a ring of 10,000 tasks", || {
        let runtime = Runtime::new(4);
        let nodes: Arc<Vec<Node>> =
            Arc::new((0..TASKS).map(|_| Node::default()).collect());
        for token in 0..TOKENS {
            nodes[token * TASKS / TOKENS].inbox.lock().unwrap().push(0);
        }
        let deliveries = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..TASKS)
            .map(|me| {
                let (nodes, deliveries) = (Arc::clone(&nodes), Arc::clone(&deliveries));
                let mut received = 0;
                runtime.spawn(poll_fn(move |cx| {
                    *nodes[me].waker.lock().unwrap() = Some(cx.waker().clone());
                    let tokens = mem::take(&mut *nodes[me].inbox.lock().unwrap());
                    for hops in tokens {
                        received += 1;
                        deliveries.fetch_add(1, Ordering::Relaxed);
                        if hops + 1 < TASKS * LAPS {
                            nodes[(me + 1) % TASKS].deliver(hops + 1);
                        }
                    }
                    if received == TOKENS * LAPS {
                        Poll::Ready(received)
                    } else {
                        Poll::Pending
                    }
                }))
            })
            .collect();
        let received: Vec<usize> =
            tasks.into_iter().map(|t| runtime.block_on(t).unwrap()).collect();
        assert_eq!(deliveries.load(Ordering::Relaxed), TASKS * TOKENS * LAPS);
        received
    });
    assert!(
        received.iter().all(|&n| n == TOKENS * LAPS),
        "each task got each token twice"
    );
}

#[test]
fn ten_thousand_yielding_tasks_each_run_exactly_four_times() {
    const TASKS: usize = 10_000;
    let runs = within_limit("10,000 yielding tasks", || {
        let runtime = Runtime::new(4);
        let runs: Arc<Vec<AtomicUsize>> =
            Arc::new((0..TASKS).map(|_| AtomicUsize::new(0)).collect());
        let handle = runtime.handle().clone();
        let runs_ = Arc::clone(&runs);
        // Spawned from a worker, so they fill its queue, overflow to the
        // inject queue, and are stolen by the others.
        let parent = runtime.spawn(async move {
            (0..TASKS)
                .map(|i| {
                    let runs = Arc::clone(&runs_);
                    handle.spawn(async move {
                        for _ in 0..3 {
                            runs[i].fetch_add(1, Ordering::Relaxed);
                            yield_now().await;
                        }
                        runs[i].fetch_add(1, Ordering::Relaxed);
                    })
                })
                .collect::<Vec<_>>()
        });
        for task in runtime.block_on(parent).unwrap() {
            runtime.block_on(task).unwrap();
        }
        let stats = runtime.stats();
        assert!(stats.overflowed > 0, "10,000 spawns overflow a queue of 256");
        assert_eq!(
            stats.polls.iter().sum::<usize>(),
            1 + 4 * TASKS,
            "one poll per run"
        );
        runs.iter().map(|n| n.load(Ordering::Relaxed)).collect::<Vec<_>>()
    });
    assert!(runs.iter().all(|&n| n == 4));
}
