//! The exercise of chapter 32 (Listing 32-13): `Limit`, a connection limit.
//! These tests pass on the book's solution, `listings/src/engine/limit.rs`;
//! on the starter, `listings/exercises/engine/limit.rs`, run with
//! `cargo test -p listings --features starter --test exercise_limit`, they
//! fail until you have written it. Every socket is on 127.0.0.1.

mod common;

use std::future::{Future, poll_fn};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream as StdStream};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;

use common::{counting_waker, within_limit};
use listings::engine::limit::Limit;
use listings::engine::net::TcpListener;
use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;

/// Answers `Pending` once, after waking its own task.
async fn yield_once() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

/// Counts how many hold a permit now, and the most at once.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Gauge {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
    }
    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
}

#[test]
fn ten_tasks_under_a_limit_of_two_never_run_more_than_two_at_once() {
    let (most, done) = within_limit("ten tasks, two permits", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let limit = Limit::new(2);
        let gauge = Arc::new(Gauge::default());
        let done = Arc::new(AtomicUsize::new(0));
        for _ in 0..10 {
            let (limit, gauge, done) =
                (limit.clone(), Arc::clone(&gauge), Arc::clone(&done));
            handle.spawn(async move {
                let _permit = limit.acquire().await;
                gauge.enter();
                for _ in 0..3 {
                    yield_once().await; // let the others try meanwhile
                }
                gauge.leave();
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
        runtime.run();
        assert_eq!(limit.available(), 2, "every permit should be back");
        (gauge.most.load(Ordering::SeqCst), done.load(Ordering::SeqCst))
    });
    assert_eq!(most, 2, "two permits: two at once, never more");
    assert_eq!(done, 10);
}

#[test]
fn available_counts_the_permits_nobody_holds() {
    let mut cx = Context::from_waker(Waker::noop());
    let limit = Limit::new(3);
    assert_eq!(limit.available(), 3);
    let Poll::Ready(first) = pin!(limit.acquire()).poll(&mut cx) else {
        panic!("a free permit should be ready at once");
    };
    let Poll::Ready(second) = pin!(limit.acquire()).poll(&mut cx) else {
        panic!("a free permit should be ready at once");
    };
    assert_eq!(limit.available(), 1);
    drop(first);
    assert_eq!(limit.available(), 2);
    drop(second);
    assert_eq!(limit.available(), 3);
}

#[test]
fn a_released_permit_wakes_the_oldest_waiter_and_a_dropped_waiter_passes_it_on() {
    let limit = Limit::new(1);
    let mut cx = Context::from_waker(Waker::noop());
    let Poll::Ready(held) = pin!(limit.acquire()).poll(&mut cx) else {
        panic!("a free permit should be ready at once");
    };
    let (older, older_waker) = counting_waker();
    let (younger, younger_waker) = counting_waker();
    let mut first = Box::pin(limit.acquire());
    let mut second = Box::pin(limit.acquire());
    assert!(first.as_mut().poll(&mut Context::from_waker(&older_waker)).is_pending());
    assert!(
        second.as_mut().poll(&mut Context::from_waker(&younger_waker)).is_pending()
    );

    drop(held);
    assert_eq!((older.count(), younger.count()), (1, 0), "the oldest waiter first");
    // Woken, then dropped before it took the permit (a lost select!):
    // the permit must not be stranded.
    drop(first);
    assert_eq!(younger.count(), 1, "the dropped waiter should pass its wake on");
    assert!(
        second.as_mut().poll(&mut Context::from_waker(&younger_waker)).is_ready(),
        "the permit should be there for the younger waiter"
    );
}

#[test]
fn a_server_with_a_limit_of_one_serves_one_client_at_a_time() {
    let (most, echoes) = within_limit("three clients, one permit", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let any: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let listener = TcpListener::bind(any, &handle).unwrap();
        let addr = listener.local_addr().unwrap();
        let gauge = Arc::new(Gauge::default());
        let limit = Limit::new(1);
        let spawner = handle.clone();
        let server_gauge = Arc::clone(&gauge);
        handle.spawn(async move {
            let mut connections = Vec::new();
            for _ in 0..3 {
                // The permit first: no accept while the limit is reached.
                let permit = limit.acquire().await;
                let (stream, _) = listener.accept().await.unwrap();
                let gauge = Arc::clone(&server_gauge);
                connections.push(spawner.spawn(async move {
                    let _permit = permit;
                    gauge.enter();
                    let mut buffer = [0u8; 64];
                    loop {
                        let n = stream.read(&mut buffer).await.unwrap();
                        if n == 0 {
                            break;
                        }
                        stream.write_all(&buffer[..n]).await.unwrap();
                    }
                    gauge.leave();
                }));
            }
            for connection in connections {
                connection.await.unwrap();
            }
        });
        let (tx, rx) = mpsc::channel();
        let clients: Vec<_> = (0..3)
            .map(|n| {
                let tx = tx.clone();
                thread::spawn(move || {
                    let mut client = StdStream::connect(addr).unwrap();
                    let message = format!("client {n}");
                    client.write_all(message.as_bytes()).unwrap();
                    client.shutdown(std::net::Shutdown::Write).unwrap();
                    let mut echo = String::new();
                    client.read_to_string(&mut echo).unwrap();
                    tx.send(echo == message).unwrap();
                })
            })
            .collect();
        runtime.run();
        clients.into_iter().for_each(|client| client.join().unwrap());
        drop(tx);
        (gauge.most.load(Ordering::SeqCst), rx.iter().filter(|ok| *ok).count())
    });
    assert_eq!(most, 1, "one permit: one connection served at a time");
    assert_eq!(echoes, 3, "every client should get its echo");
}
