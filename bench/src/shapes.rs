//! The bodies of the scheduler benchmarks, each written once for every
//! runner: the shapes Tokio measures its own schedulers with (spawn many,
//! ping-pong, yield many, chained spawn), written here afresh.
//!
//! Each returns a number the benchmark hands to `black_box` and the tests
//! check, so that a body that stops doing its work is caught.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::oneshot;

use crate::runners::{Countdown, Runner, Spawn, SpawnAnywhere, yield_now};

/// Tasks `spawn_many` spawns.
pub const SPAWN_MANY: usize = 10_000;
/// Request-reply rounds of `ping_pong`.
pub const PING_PONG_ROUNDS: usize = 1_000;
/// Tasks of `yield_many`, and how often each yields.
pub const YIELD_TASKS: usize = 200;
pub const YIELDS: usize = 100;
/// Tasks in `chained_spawn`'s chain.
pub const CHAIN: usize = 1_000;

/// Spawns [`SPAWN_MANY`] tasks that each count themselves done, and waits
/// for all. Returns how many ran.
pub fn spawn_many<R: Runner>(runner: R) -> usize {
    runner.block_on(|spawner| {
        let ran = Arc::new(AtomicUsize::new(0));
        let done = Countdown::new(SPAWN_MANY);
        for _ in 0..SPAWN_MANY {
            let (ran, done) = (Arc::clone(&ran), Arc::clone(&done));
            spawner.spawn(async move {
                ran.fetch_add(1, Ordering::Relaxed);
                done.done();
            });
        }
        async move {
            done.zero().await;
            ran.load(Ordering::Relaxed)
        }
    })
}

/// Two tasks, [`PING_PONG_ROUNDS`] rounds: `main` sends a request over a
/// oneshot and awaits the reply over another. Each request carries the
/// reply's sender and the receiver of the next request, so both tasks live
/// for the whole run and only wake each other. Returns the rounds done.
pub fn ping_pong<R: Runner>(runner: R) -> usize {
    /// Where to reply, and where the next request will come from.
    struct Request {
        reply: oneshot::Sender<usize>,
        next: oneshot::Receiver<Request>,
    }

    runner.block_on(|spawner| {
        let (mut requests, first) = oneshot::channel::<Request>();
        spawner.spawn(async move {
            let mut next = first;
            // Ends when `main` drops the sender of the next request.
            while let Ok(request) = next.await {
                let _ = request.reply.send(1);
                next = request.next;
            }
        });
        async move {
            let mut rounds = 0;
            for _ in 0..PING_PONG_ROUNDS {
                let (reply, replied) = oneshot::channel();
                let (following, next) = oneshot::channel();
                if requests.send(Request { reply, next }).is_err() {
                    panic!("the replying task is gone");
                }
                rounds += replied.await.expect("a reply");
                requests = following;
            }
            rounds
        }
    })
}

/// [`YIELD_TASKS`] tasks that each yield [`YIELDS`] times; waits for all.
/// Returns the yields made.
pub fn yield_many<R: Runner>(runner: R) -> usize {
    runner.block_on(|spawner| {
        let yields = Arc::new(AtomicUsize::new(0));
        let done = Countdown::new(YIELD_TASKS);
        for _ in 0..YIELD_TASKS {
            let (yields, done) = (Arc::clone(&yields), Arc::clone(&done));
            spawner.spawn(async move {
                for _ in 0..YIELDS {
                    yield_now().await;
                    yields.fetch_add(1, Ordering::Relaxed);
                }
                done.done();
            });
        }
        async move {
            done.zero().await;
            yields.load(Ordering::Relaxed)
        }
    })
}

/// A chain of [`CHAIN`] tasks, each spawning the next; the last tells
/// `main`. Needs a spawner that tasks can carry. Returns the chain's length.
pub fn chained_spawn<R>(runner: R) -> usize
where
    R: Runner,
    R::Spawner: SpawnAnywhere,
{
    fn link<S: SpawnAnywhere>(spawner: S, left: usize, end: oneshot::Sender<usize>) {
        let next = spawner.clone();
        spawner.spawn(async move {
            if left == 1 {
                let _ = end.send(CHAIN);
            } else {
                link(next, left - 1, end);
            }
        });
    }
    runner.block_on(|spawner| {
        let (end, ended) = oneshot::channel();
        link(spawner.clone(), CHAIN, end);
        async move { ended.await.expect("the chain ended") }
    })
}
