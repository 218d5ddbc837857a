//! Chapter 28's claims about the reactor, our sockets and the run loop. The
//! race is played step by step on one thread; every count is exact.

mod common;

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

use common::within_limit;
use futures::channel::oneshot;
use listings::engine::net::{TcpListener, TcpStream};
use listings::engine::reactor::{Direction, Entry, IoHandle, Ready, WakeCount};
use listings::engine::readiness::{EVENT_LIMIT, loopback_pair};
use listings::engine::runtime::{Counts, Runtime, count_polls};

fn any_port() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

// ----- the race, step by step -----

/// Look, then the event, then store: the event found no waker, and the
/// waker stored after it will never be woken by it. The task hangs.
#[test]
fn looking_then_storing_loses_an_event_that_lands_in_between() {
    let entry = Entry::default();
    let (wakes, waker) = WakeCount::new();
    assert!(!entry.is_ready(Direction::Read));
    assert_eq!(entry.set_readiness(Ready::READABLE), 0, "the event found no waker");
    entry.store_waker(Direction::Read, &waker);
    assert_eq!(wakes.get(), 0, "nobody woke the task");
    assert!(entry.is_ready(Direction::Read), "yet the socket is readable");
}

/// Under one lock the event lands either before the look (and is seen) or
/// after the store (and wakes the task): both orders, nothing lost.
#[test]
fn looking_and_storing_under_one_lock_loses_nothing() {
    let (wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);

    let before = Entry::default();
    before.set_readiness(Ready::READABLE);
    assert!(before.poll_ready(&mut cx, Direction::Read).is_ready());
    assert_eq!(wakes.get(), 0);

    let after = Entry::default();
    assert!(after.poll_ready(&mut cx, Direction::Read).is_pending());
    assert_eq!(after.set_readiness(Ready::READABLE), 1);
    assert_eq!(wakes.get(), 1, "the event woke the stored waker");
    assert!(after.poll_ready(&mut cx, Direction::Read).is_ready());
}

/// A clear that forgets which readiness it saw wipes an event that came in
/// after the WouldBlock: the next poll_ready waits for an event that came.
#[test]
fn a_blind_clear_wipes_an_event_that_came_after_would_block() {
    let entry = Entry::default();
    let (wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);
    entry.set_readiness(Ready::READABLE);
    assert!(entry.poll_ready(&mut cx, Direction::Read).is_ready());
    entry.set_readiness(Ready::READABLE); // after the read's WouldBlock
    entry.clear_blindly(Direction::Read);
    assert!(entry.poll_ready(&mut cx, Direction::Read).is_pending());
    assert_eq!(wakes.get(), 0, "and no event will come to wake it");
}

#[test]
fn a_clear_by_tick_keeps_an_event_that_came_after_would_block() {
    let entry = Entry::default();
    let (_wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);
    entry.set_readiness(Ready::READABLE);
    let Poll::Ready(seen) = entry.poll_ready(&mut cx, Direction::Read) else {
        panic!("readiness was set")
    };
    entry.set_readiness(Ready::READABLE);
    entry.clear_readiness(seen);
    assert!(
        entry.poll_ready(&mut cx, Direction::Read).is_ready(),
        "the event survived"
    );

    // With no event in between, the same clear does clear.
    let Poll::Ready(seen) = entry.poll_ready(&mut cx, Direction::Read) else {
        panic!("still ready")
    };
    entry.clear_readiness(seen);
    assert!(entry.poll_ready(&mut cx, Direction::Read).is_pending());
}

#[test]
fn an_event_wakes_only_the_half_it_is_about() {
    let entry = Entry::default();
    let (reads, reader) = WakeCount::new();
    let (writes, writer) = WakeCount::new();
    assert!(
        entry
            .poll_ready(&mut Context::from_waker(&reader), Direction::Read)
            .is_pending()
    );
    assert!(
        entry
            .poll_ready(&mut Context::from_waker(&writer), Direction::Write)
            .is_pending()
    );
    assert_eq!(entry.set_readiness(Ready::WRITABLE), 1);
    assert_eq!((reads.get(), writes.get()), (0, 1));
}

/// Two readers on one half: the second one's waker replaces the first one's
/// in the slot, and the event wakes only the second. Our entry, like Tokio's
/// `Registration`, serves one task per half.
#[test]
fn a_second_reader_replaces_the_first_readers_waker() {
    let entry = Entry::default();
    let (first_wakes, first) = WakeCount::new();
    let (second_wakes, second) = WakeCount::new();
    assert!(
        entry
            .poll_ready(&mut Context::from_waker(&first), Direction::Read)
            .is_pending()
    );
    assert!(
        entry
            .poll_ready(&mut Context::from_waker(&second), Direction::Read)
            .is_pending()
    );
    assert_eq!(entry.set_readiness(Ready::READABLE), 1);
    assert_eq!(
        (first_wakes.get(), second_wakes.get()),
        (0, 1),
        "the first is never woken"
    );
}

/// A waker that, when woken, asks the entry that woke it for its readiness:
/// `set_readiness` must have let go of the entry's lock by then.
struct AsksTheEntry {
    entry: Arc<Entry>,
    saw_ready: AtomicUsize,
}

impl Wake for AsksTheEntry {
    fn wake(self: Arc<Self>) {
        let ready = self.entry.is_ready(Direction::Read);
        self.saw_ready.store(usize::from(ready) + 1, Ordering::SeqCst);
    }
}

#[test]
fn set_readiness_wakes_with_the_entry_unlocked() {
    let saw = within_limit("a waker that locks the entry", || {
        let entry = Arc::new(Entry::default());
        let asker = Arc::new(AsksTheEntry {
            entry: Arc::clone(&entry),
            saw_ready: AtomicUsize::new(0),
        });
        let waker = Waker::from(Arc::clone(&asker));
        assert!(
            entry
                .poll_ready(&mut Context::from_waker(&waker), Direction::Read)
                .is_pending()
        );
        drop(waker);
        entry.set_readiness(Ready::READABLE); // deadlocks if it wakes under the lock
        asker.saw_ready.load(Ordering::SeqCst)
    });
    assert_eq!(saw, 2, "the waker ran, and saw the readiness just set");
}

// ----- the run loop -----

/// The client waits until the loop blocks in its second park, then 200 ms,
/// then sends. Park 1 returns at once with the new socket's writable event;
/// park 2 lasts until the bytes. Two polls and two parks, whatever the wait.
#[test]
fn a_client_that_waits_200_ms_costs_two_polls_and_two_parks() {
    let (counts, text, waited) = within_limit("the late client", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (mut client, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        let loop_handle = handle.clone();
        let client_thread = thread::spawn(move || {
            loop_handle.wait_until_parked(2, EVENT_LIMIT).unwrap();
            thread::sleep(Duration::from_millis(200));
            client.write_all(b"hello").unwrap();
            client
        });
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            let started = Instant::now();
            let mut buf = [0u8; 16];
            let n = server.read(&mut buf).await.unwrap();
            tx.send((buf[..n].to_vec(), started.elapsed())).unwrap();
        });
        let counts = runtime.run();
        let _client = client_thread.join().unwrap();
        let (text, waited) = rx.recv().unwrap();
        (counts, text, waited)
    });
    assert_eq!(text, b"hello");
    assert!(waited >= Duration::from_millis(200), "the read finished before the send");
    assert_eq!(counts, Counts { polls: 2, parks: 2, events: 2, fired: 0 });
}

#[test]
fn a_wake_from_another_thread_ends_a_park_with_no_timeout() {
    let counts = within_limit("the cross-thread wake", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (sender, receiver) = oneshot::channel::<u32>();
        let loop_handle = handle.clone();
        let worker = thread::spawn(move || {
            loop_handle.wait_until_parked(1, EVENT_LIMIT).unwrap();
            sender.send(7).unwrap();
        });
        handle.spawn(async move {
            assert_eq!(receiver.await.unwrap(), 7);
        });
        let counts = runtime.run();
        worker.join().unwrap();
        counts
    });
    assert_eq!(counts, Counts { polls: 2, parks: 1, events: 0, fired: 0 });
}

#[test]
fn a_task_spawns_tasks_through_the_handle_and_the_loop_waits_for_them() {
    let counts = within_limit("spawning from a task", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let done = Arc::new(AtomicUsize::new(0));
        let (spawner, done_inside) = (handle.clone(), Arc::clone(&done));
        handle.spawn(async move {
            for _ in 0..3 {
                let done = Arc::clone(&done_inside);
                spawner.spawn(async move {
                    done.fetch_add(1, Ordering::SeqCst);
                });
            }
        });
        let counts = runtime.run();
        assert_eq!(done.load(Ordering::SeqCst), 3);
        counts
    });
    assert_eq!(counts, Counts { polls: 4, parks: 0, events: 0, fired: 0 });
}

/// A task that wakes itself is queued again at once, so the loop parks with
/// a timeout of zero instead of blocking: the reader's event still arrives,
/// and the reader still runs, while the other task keeps itself busy.
#[test]
fn a_task_that_wakes_itself_does_not_keep_socket_events_waiting() {
    let (spins, counts) = within_limit("the busy task", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (mut client, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        client.write_all(b"x").unwrap();
        let done = Arc::new(AtomicUsize::new(0));
        let (busy_done, spins) = (Arc::clone(&done), Arc::new(AtomicUsize::new(0)));
        let busy_spins = Arc::clone(&spins);
        // A limit, not an order: the reader runs within a few rounds.
        let give_up = Instant::now() + Duration::from_secs(5);
        handle.spawn(std::future::poll_fn(move |cx| {
            if busy_done.load(Ordering::SeqCst) == 1 {
                return Poll::Ready(());
            }
            busy_spins.fetch_add(1, Ordering::SeqCst);
            assert!(Instant::now() < give_up, "the reader never ran in 5 s");
            cx.waker().wake_by_ref();
            Poll::Pending
        }));
        handle.spawn(async move {
            assert_eq!(server.read(&mut [0u8; 4]).await.unwrap(), 1);
            done.store(1, Ordering::SeqCst);
        });
        let counts = runtime.run();
        (spins.load(Ordering::SeqCst), counts)
    });
    assert!(spins > 0);
    assert_eq!(counts.parks, 0, "the loop never blocked while a task was queued");
}

#[test]
fn a_listener_accepts_and_a_spawned_task_echoes_then_both_deregister() {
    let (echoed, peer_is_client, registered) = within_limit("the echo", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let listener = TcpListener::bind(any_port(), &handle).unwrap();
        let addr = listener.local_addr().unwrap();
        let client = thread::spawn(move || {
            let mut socket = std::net::TcpStream::connect(addr).unwrap();
            socket.set_read_timeout(Some(EVENT_LIMIT)).unwrap();
            // Write from a thread of its own, so that the echo can flow back
            // while the rest is still going out.
            let mut writer = socket.try_clone().unwrap();
            let writing = thread::spawn(move || {
                writer.write_all(&[7u8; 100_000]).unwrap();
                writer.shutdown(Shutdown::Write).unwrap();
            });
            let mut echoed = Vec::new();
            socket.read_to_end(&mut echoed).unwrap();
            writing.join().unwrap();
            (echoed, socket.local_addr().unwrap())
        });
        let (tx, rx) = std::sync::mpsc::channel();
        let spawner = handle.clone();
        handle.spawn(async move {
            let (stream, peer) = listener.accept().await.unwrap();
            tx.send((peer, stream.peer_addr().unwrap())).unwrap();
            spawner.spawn(async move {
                let mut buf = [0u8; 4096];
                loop {
                    let n = stream.read(&mut buf).await.unwrap();
                    if n == 0 {
                        break;
                    }
                    stream.write_all(&buf[..n]).await.unwrap();
                }
                stream.shutdown_write().unwrap();
            });
        });
        runtime.run();
        let (echoed, client_addr) = client.join().unwrap();
        let (peer, peer_addr) = rx.recv().unwrap();
        (
            echoed,
            peer == client_addr && peer_addr == client_addr,
            handle.io().registered(),
        )
    });
    assert_eq!(echoed, vec![7u8; 100_000], "every byte came back");
    assert!(peer_is_client);
    assert_eq!(registered, 0, "dropping the sockets deregistered them");
}

/// The connect's first poll returns `Pending` (the entry has no readiness
/// yet), so the loop runs the next task before the connection is made.
#[test]
fn connect_waits_for_the_connection_without_blocking_the_loop() {
    let (counts, bystander_saw_connected) = within_limit("connect", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let listener = std::net::TcpListener::bind(any_port()).unwrap();
        let addr = listener.local_addr().unwrap();
        let connected = Arc::new(AtomicUsize::new(0));
        let (spawned, connected_inside) = (handle.clone(), Arc::clone(&connected));
        handle.spawn(async move {
            let stream = TcpStream::connect(addr, &spawned).await.unwrap();
            connected_inside.store(1, Ordering::SeqCst);
            assert_eq!(stream.peer_addr().unwrap(), addr);
            stream.write_all(b"hi").await.unwrap();
        });
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            tx.send(connected.load(Ordering::SeqCst) == 1).unwrap();
        });
        let counts = runtime.run();
        let (mut accepted, _) = listener.accept().unwrap();
        accepted.set_read_timeout(Some(EVENT_LIMIT)).unwrap();
        let mut said = [0u8; 2];
        accepted.read_exact(&mut said).unwrap();
        assert_eq!(&said, b"hi");
        (counts, rx.recv().unwrap())
    });
    assert!(!bystander_saw_connected, "the other task ran while connect waited");
    assert!(counts.polls >= 3, "connect returned Pending at least once: {counts:?}");
}

/// On Linux, registering a socket that already holds bytes queues an event at
/// once (epoll looks at the socket when it is added), but the entry starts
/// empty: the first poll is `Pending` and one turn sets the readiness.
#[test]
fn a_socket_ready_before_it_registers_costs_one_pending_poll_and_one_turn() {
    let (counts, read) = within_limit("the early bytes", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (mut client, server) = loopback_pair().unwrap();
        client.write_all(b"early").unwrap();
        // Wait, by cause, until the bytes are in the server's socket.
        server.set_read_timeout(Some(EVENT_LIMIT)).unwrap();
        assert_eq!(server.peek(&mut [0u8; 5]).unwrap(), 5);
        let server = TcpStream::from_std(server, &handle).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            let mut buf = [0u8; 8];
            let n = server.read(&mut buf).await.unwrap();
            tx.send(buf[..n].to_vec()).unwrap();
        });
        (runtime.run(), rx.recv().unwrap())
    });
    assert_eq!(read, b"early");
    assert_eq!(counts, Counts { polls: 2, parks: 1, events: 1, fired: 0 });
}

// ----- bad input -----

#[test]
fn a_peer_that_resets_makes_the_read_fail_with_connection_reset() {
    let kind = within_limit("the reset", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (client, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO)).unwrap();
        drop(client);
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            tx.send(server.read(&mut [0u8; 8]).await.unwrap_err().kind()).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(kind, io::ErrorKind::ConnectionReset);
}

/// While the client says nothing, the reader is polled once and the loop
/// sits in its second park: when the client finally hangs up, the totals
/// are two polls and two parks, so nothing ran in between.
#[test]
fn a_silent_client_leaves_the_read_pending_and_nothing_spins() {
    let (while_silent, counts, read) = within_limit("the silent client", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (client, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        let polls = Arc::new(AtomicUsize::new(0));
        let (seen, loop_handle) = (Arc::clone(&polls), handle.clone());
        let closer = thread::spawn(move || {
            loop_handle.wait_until_parked(2, EVENT_LIMIT).unwrap();
            thread::sleep(Duration::from_millis(100));
            let while_silent = (seen.load(Ordering::SeqCst), loop_handle.parks());
            drop(client);
            while_silent
        });
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            let read = count_polls(server.read(&mut [0u8; 8]), &polls).await;
            tx.send(read.unwrap()).unwrap();
        });
        let counts = runtime.run();
        (closer.join().unwrap(), counts, rx.recv().unwrap())
    });
    assert_eq!(while_silent, (1, 2), "polled once, parked twice while silent");
    assert_eq!(counts, Counts { polls: 2, parks: 2, events: 2, fired: 0 });
    assert_eq!(read, 0, "the hang-up reads as Ok(0)");
}

#[test]
fn the_end_of_the_stream_reads_as_zero_bytes_every_time() {
    let reads = within_limit("the end of the stream", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (client, server) = loopback_pair().unwrap();
        let server = TcpStream::from_std(server, &handle).unwrap();
        drop(client);
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            let mut buf = [0u8; 8];
            let first = server.read(&mut buf).await.unwrap();
            let again = server.read(&mut buf).await.unwrap();
            tx.send((first, again)).unwrap();
        });
        runtime.run();
        rx.recv().unwrap()
    });
    assert_eq!(reads, (0, 0));
}

#[test]
fn a_read_into_an_empty_buffer_returns_zero_at_once() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let (_client, server) = loopback_pair().unwrap();
    let server = TcpStream::from_std(server, &handle).unwrap();
    let (wakes, waker) = WakeCount::new();
    let mut cx = Context::from_waker(&waker);
    assert!(matches!(server.poll_read(&mut cx, &mut []), Poll::Ready(Ok(0))));
    assert!(server.poll_read(&mut cx, &mut [0u8; 1]).is_pending(), "nothing was sent");
    assert_eq!(wakes.get(), 0);
}

#[test]
fn binding_a_port_in_use_returns_addr_in_use_and_registers_nothing() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let first = TcpListener::bind(any_port(), &handle).unwrap();
    let error = TcpListener::bind(first.local_addr().unwrap(), &handle).map(|_| ());
    assert_eq!(error.unwrap_err().kind(), io::ErrorKind::AddrInUse);
    assert_eq!(handle.io().registered(), 1);
    drop(first);
    assert_eq!(handle.io().registered(), 0);
}

/// An event for a token whose socket is gone (deregistered after mio queued
/// the event) is dropped: no panic, no wake, and a live socket's event in the
/// same turn is still delivered.
#[test]
fn an_event_for_a_deregistered_token_is_ignored_and_loses_nothing() {
    let runtime = Runtime::new().unwrap();
    let handle = runtime.handle();
    let (_first_client, server) = loopback_pair().unwrap();
    let gone = TcpStream::from_std(server, &handle).unwrap();
    let stale_token = gone.token();
    let (gone_wakes, gone_waker) = WakeCount::new();
    assert!(
        gone.poll_read(&mut Context::from_waker(&gone_waker), &mut [0u8; 1])
            .is_pending()
    );
    drop(gone_waker); // the entry holds the only clone now
    assert_eq!(Arc::strong_count(&gone_wakes), 2);
    drop(gone);
    assert_eq!(Arc::strong_count(&gone_wakes), 1, "the entry's waker was dropped");

    let (_client, server) = loopback_pair().unwrap();
    let live = TcpStream::from_std(server, &handle).unwrap();
    let (wakes, waker) = WakeCount::new();
    assert!(
        live.poll_read(&mut Context::from_waker(&waker), &mut [0u8; 1]).is_pending()
    );

    assert_eq!(handle.io().dispatch(stale_token, Ready::READABLE), None);
    assert_eq!(
        gone_wakes.get(),
        0,
        "the dropped socket's waker was dropped, not woken"
    );
    assert_eq!(handle.io().dispatch(live.token(), Ready::READABLE), Some(1));
    assert_eq!(wakes.get(), 1);
    assert_ne!(stale_token, live.token(), "tokens are never reused");
}

/// A waker that, when dropped, asks the reactor how many sockets it holds:
/// `deregister` must drop the entry's wakers after it lets go of the table.
struct AsksTheTableOnDrop {
    io: Arc<IoHandle>,
    registered_when_dropped: Arc<AtomicUsize>,
}

impl Wake for AsksTheTableOnDrop {
    fn wake(self: Arc<Self>) {}
}

impl Drop for AsksTheTableOnDrop {
    fn drop(&mut self) {
        let registered = self.io.registered();
        self.registered_when_dropped.store(registered + 1, Ordering::SeqCst);
    }
}

#[test]
fn deregistering_drops_the_wakers_with_the_table_unlocked() {
    let seen = within_limit("a waker that locks the table", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (_client, server) = loopback_pair().unwrap();
        let stream = TcpStream::from_std(server, &handle).unwrap();
        let seen = Arc::new(AtomicUsize::new(0));
        let waker = Waker::from(Arc::new(AsksTheTableOnDrop {
            io: Arc::clone(handle.io()),
            registered_when_dropped: Arc::clone(&seen),
        }));
        assert!(
            stream
                .poll_read(&mut Context::from_waker(&waker), &mut [0u8; 1])
                .is_pending()
        );
        drop(waker); // the entry holds the last clone
        drop(stream); // deadlocks if the waker is dropped under the table's lock
        seen.load(Ordering::SeqCst)
    });
    assert_eq!(seen, 1, "dropped after the entry left the table: 0 registered");
}

/// The handle goes into tasks and to other threads; sockets go into tasks.
#[test]
fn the_handle_and_the_sockets_can_go_to_other_threads() {
    use listings::engine::runtime::Handle;
    static_assertions::assert_impl_all!(Handle: Clone, Send, Sync);
    static_assertions::assert_impl_all!(TcpStream: Send, Sync);
    static_assertions::assert_impl_all!(TcpListener: Send, Sync);
}
