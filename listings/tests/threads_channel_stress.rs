//! Chapter 35's stress tests: more producers than cores, each on a thread
//! of its own (or a task on four Tokio workers), send numbered messages
//! through a channel with room for a few. The receiver checks that every
//! message arrives exactly once and that each producer's messages arrive
//! in the order it sent them. One test makes the producers give up half of
//! their waits (a `reserve` raced against a yield, as in a `select!`), so
//! that senders leave the line and pass handed slots on all the time. Each
//! run waits within a limit.

use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::Poll;
use std::thread;

mod common;

use common::within_limit;
use listings::engine::task::demo::yield_now;
use listings::many_threads::channel::{Receiver, channel};

const EACH: u32 = 2_000;

/// More producers than this machine has cores, and at least eight.
fn producers() -> u32 {
    let cores = thread::available_parallelism().map_or(2, |cores| cores.get()) as u32;
    (2 * cores + 2).max(8)
}

/// Receives until every sender is gone, checking that producer `p`'s
/// messages come as 0, 1, 2, ... and that each of `producers` sent `EACH`.
async fn check_every_message(
    mut receiver: Receiver<(u32, u32)>,
    producers: u32,
) -> u64 {
    let mut next = vec![0; producers as usize];
    let mut total = 0;
    while let Some((producer, seq)) = receiver.recv().await {
        let expected = &mut next[producer as usize];
        assert_eq!(
            seq, *expected,
            "producer {producer}: lost, duplicated or reordered"
        );
        *expected += 1;
        total += 1;
    }
    assert!(next.iter().all(|&sent| sent == EACH), "every message arrived: {next:?}");
    total
}

#[test]
fn producers_on_threads_deliver_every_message_once_and_in_order() {
    let producers = producers();
    let total = within_limit("producers on threads", move || {
        let (sender, receiver) = channel(4);
        let threads: Vec<_> = (0..producers)
            .map(|producer| {
                let sender = sender.clone();
                thread::spawn(move || {
                    futures::executor::block_on(async {
                        for seq in 0..EACH {
                            sender.send((producer, seq)).await.unwrap();
                        }
                    })
                })
            })
            .collect();
        drop(sender);
        let total =
            futures::executor::block_on(check_every_message(receiver, producers));
        for thread in threads {
            thread.join().unwrap();
        }
        total
    });
    assert_eq!(total, u64::from(producers * EACH));
}

/// Sends `message` through a permit like `reserve().await`, but gives up
/// its first wait after one poll (as if the other branch of a `select!`
/// won) and asks again after a yield. Returns how many times it gave up.
async fn reserve_impatiently(
    sender: &listings::many_threads::channel::Sender<(u32, u32)>,
    message: (u32, u32),
) -> u32 {
    let mut gave_up = 0;
    loop {
        let mut reserve = sender.reserve(); // `Unpin`: no pinning needed
        let first = poll_fn(|cx| Poll::Ready(Pin::new(&mut reserve).poll(cx))).await;
        let permit = match first {
            Poll::Ready(permit) => permit.unwrap(),
            Poll::Pending if gave_up % 2 == 0 => {
                gave_up += 1;
                drop(reserve); // leaves the line, or passes on a handed slot
                yield_now().await;
                continue;
            }
            Poll::Pending => reserve.await.unwrap(),
        };
        permit.send(message);
        return gave_up;
    }
}

#[test]
fn producers_that_give_up_half_their_waits_lose_no_message() {
    let producers = producers();
    let (total, gave_up) = within_limit("impatient producers on threads", move || {
        let (sender, receiver) = channel(2);
        let threads: Vec<_> = (0..producers)
            .map(|producer| {
                let sender = sender.clone();
                thread::spawn(move || {
                    futures::executor::block_on(async {
                        let mut gave_up = 0;
                        for seq in 0..EACH {
                            gave_up +=
                                reserve_impatiently(&sender, (producer, seq)).await;
                        }
                        gave_up
                    })
                })
            })
            .collect();
        drop(sender);
        let total =
            futures::executor::block_on(check_every_message(receiver, producers));
        let gave_up: u32 =
            threads.into_iter().map(|thread| thread.join().unwrap()).sum();
        (total, gave_up)
    });
    assert_eq!(total, u64::from(producers * EACH));
    println!("{gave_up} waits given up, no message lost");
}

#[test]
fn sixty_four_tasks_on_four_workers_deliver_every_message_once_and_in_order() {
    const TASKS: u32 = 64;
    let total = within_limit("64 producer tasks on 4 workers", || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .build()
            .expect("a multi-thread runtime");
        runtime.block_on(async {
            let (sender, receiver) = channel(3);
            for producer in 0..TASKS {
                let sender = sender.clone();
                tokio::spawn(async move {
                    for seq in 0..EACH / 4 {
                        sender.send((producer, seq)).await.unwrap();
                    }
                });
            }
            drop(sender);
            let consumer = tokio::spawn(async move {
                let mut receiver = receiver;
                let mut next = vec![0; TASKS as usize];
                while let Some((producer, seq)) = receiver.recv().await {
                    assert_eq!(
                        seq, next[producer as usize],
                        "lost, duplicated or reordered"
                    );
                    next[producer as usize] += 1;
                }
                assert!(next.iter().all(|&sent| sent == EACH / 4));
                next.iter().map(|&sent| u64::from(sent)).sum::<u64>()
            });
            consumer.await.unwrap()
        })
    });
    assert_eq!(total, u64::from(TASKS * (EACH / 4)));
}
