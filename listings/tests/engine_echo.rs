//! Chapter 32's claims about the echo server and its clients. Every wait
//! has a limit; nothing is ordered by sleeping.

mod common;

use std::future::{Future, poll_fn};
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use common::{LIMIT, within_limit};
use listings::engine::echo::report::{Connection, Ending, Report};
use listings::engine::echo::{on_ours, on_tokio};
use listings::engine::echo_clients::{self, CLIENTS, LARGE, Summary, payload};
use listings::engine::runtime::{Counts, Runtime};
use listings::engine::task::Notified;

/// Bytes the hundred clients send together: fixed by `payload`.
const HUNDRED_CLIENTS_BYTES: u64 = 6_558_920;

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

fn tokio_runtime(multi_thread: bool) -> tokio::runtime::Runtime {
    let mut builder = match multi_thread {
        true => tokio::runtime::Builder::new_multi_thread(),
        false => tokio::runtime::Builder::new_current_thread(),
    };
    builder.enable_all().build().unwrap()
}

/// Runs a Tokio echo server while `clients` runs on a thread of its own,
/// then stops the server and returns what both said.
fn against_tokio<T: Send + 'static>(
    multi_thread: bool,
    clients: impl FnOnce(SocketAddr) -> T + Send + 'static,
) -> (T, Report, SocketAddr) {
    within_limit("the Tokio echo server and its clients", move || {
        tokio_runtime(multi_thread).block_on(async {
            let (server, control) = on_tokio::bind(loopback()).await.unwrap();
            let addr = server.local_addr().unwrap();
            let serving = tokio::spawn(server.run());
            let said =
                tokio::task::spawn_blocking(move || clients(addr)).await.unwrap();
            control.stop();
            (said, serving.await.unwrap(), addr)
        })
    })
}

/// Runs our echo server on our runtime while `clients` runs on a thread of
/// its own, which stops the server when it is done (or panics). Returns
/// what the clients said, the server's report and the loop's counts.
fn against_ours<T: Send + 'static>(
    clients: impl FnOnce(SocketAddr) -> T + Send + 'static,
) -> (T, Report, Counts, SocketAddr) {
    within_limit("our echo server and its clients", move || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let (server, control) = on_ours::bind(loopback(), &handle).unwrap();
        let addr = server.local_addr().unwrap();
        let serving = handle.spawn(server.run());
        let clients = thread::spawn(move || {
            let _stops_when_dropped = control;
            clients(addr)
        });
        let counts = runtime.run();
        let report = futures::executor::block_on(serving).unwrap();
        (clients.join().unwrap(), report, counts, addr)
    })
}

#[test]
fn ours_echoes_every_byte_of_a_hundred_clients() {
    let (summary, report, _, _) = against_ours(|addr| echo_clients::run(addr, CLIENTS));
    all_echoed(summary.unwrap(), report);
}

fn hundred_clients_are_echoed(multi_thread: bool) {
    let (summary, report, _) =
        against_tokio(multi_thread, |addr| echo_clients::run(addr, CLIENTS));
    all_echoed(summary.unwrap(), report);
}

fn all_echoed(summary: Summary, report: Report) {
    assert_eq!(
        summary,
        Summary {
            clients: CLIENTS,
            bytes_sent: HUNDRED_CLIENTS_BYTES,
            bytes_echoed: HUNDRED_CLIENTS_BYTES,
            mismatched: vec![],
        }
    );
    assert_eq!(
        (report.connections, report.echoed, report.closed_at_shutdown),
        (CLIENTS, CLIENTS, 0)
    );
    assert_eq!(
        (report.failed, report.panicked, report.accept_errors),
        (vec![], 0, vec![])
    );
    assert_eq!(report.bytes, HUNDRED_CLIENTS_BYTES);
}

#[test]
fn tokio_current_thread_echoes_every_byte_of_a_hundred_clients() {
    hundred_clients_are_echoed(false);
}

#[test]
fn tokio_multi_thread_echoes_every_byte_of_a_hundred_clients() {
    hundred_clients_are_echoed(true);
}

#[test]
fn payloads_differ_and_every_tenth_is_larger_than_a_socket_buffer() {
    let payloads: Vec<Vec<u8>> = (0..CLIENTS).map(payload).collect();
    let total: usize = payloads.iter().map(Vec::len).sum();
    assert_eq!(total as u64, HUNDRED_CLIENTS_BYTES);
    for (id, bytes) in payloads.iter().enumerate() {
        assert_eq!(bytes.len() >= LARGE, id.is_multiple_of(10), "client {id}");
        // Lengths differ too: another client's echo cannot pass for this one.
        let same_length = payloads.iter().filter(|other| other.len() == bytes.len());
        assert_eq!(same_length.count(), 1, "client {id}'s length repeats");
        let starts_like_it = payloads.iter().filter(|other| other[0] == bytes[0]);
        assert!(starts_like_it.count() < 5, "client {id}'s bytes look like others'");
    }
}

/// A large payload is written and read in many pieces: the kernel takes it
/// in parts, so a client that wrote all before reading would never finish.
#[test]
fn a_large_payload_does_not_fit_in_the_socket_buffers() {
    let (stopped, written) = within_limit("a large payload", || {
        let listener = std::net::TcpListener::bind(loopback()).unwrap();
        let mut client = echo_clients::connect(listener.local_addr().unwrap()).unwrap();
        let (_server, _) = listener.accept().unwrap(); // connected: it is waiting
        client.set_nonblocking(true).unwrap();
        let mut written = 0;
        let large = payload(0);
        // Nobody reads the server's end: the buffers fill, then WouldBlock.
        let stopped = loop {
            match client.write(&large[written..]) {
                Ok(n) => written += n,
                Err(e) => break e,
            }
            if written == large.len() {
                panic!("a {} byte payload fit in the buffers", large.len());
            }
        };
        (stopped.kind(), written)
    });
    assert_eq!(stopped, io::ErrorKind::WouldBlock);
    assert!(written < LARGE);
}

#[test]
fn a_client_that_fails_is_named_in_the_error() {
    // A port nobody listens on any more: every connect is refused.
    let addr = std::net::TcpListener::bind(loopback()).unwrap().local_addr().unwrap();
    let error = within_limit("clients of nobody", move || echo_clients::run(addr, 3))
        .unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::ConnectionRefused);
    assert!(
        error.to_string().starts_with("client 0: connect: "),
        "the message names the client and the step: {error}"
    );
}

#[test]
fn after_shutdown_the_listener_is_closed_and_a_connect_is_refused() {
    let (summary, report, addr) =
        against_tokio(false, |addr| echo_clients::run(addr, 1).unwrap());
    assert_eq!((summary.mismatched.len(), report.connections), (0, 1));
    let refused = TcpStream::connect_timeout(&addr, LIMIT).unwrap_err();
    assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
}

/// A client that resets mid-stream ends its own connection with
/// `ConnectionReset`; the next client is served as usual.
#[test]
fn a_reset_fails_its_connection_only() {
    let (_, report, _) = within_limit("a reset and a good client", || {
        tokio_runtime(false).block_on(async {
            let (server, mut control) = on_tokio::bind(loopback()).await.unwrap();
            let addr = server.local_addr().unwrap();
            let serving = tokio::spawn(server.run());
            let reset = move || echo_clients::reset_after_echo(addr, b"half a request");
            tokio::task::spawn_blocking(reset).await.unwrap().unwrap();
            control.ended(1).await;
            let good = move || echo_clients::run(addr, 1).unwrap();
            let summary = tokio::task::spawn_blocking(good).await.unwrap();
            assert_eq!(summary.mismatched, Vec::<usize>::new());
            control.stop();
            ((), serving.await.unwrap(), addr)
        })
    });
    assert_eq!(report.connections, 2);
    assert_eq!(report.failed, vec![io::ErrorKind::ConnectionReset]);
    assert_eq!((report.echoed, report.closed_at_shutdown), (1, 0));
    assert_eq!(report.bytes, "half a request".len() as u64 + payload(0).len() as u64);
}

/// A silent client is held for as long as it likes at the cost of one
/// poll; shutdown closes it (it reads EOF) with one more, and completes.
#[test]
fn a_silent_client_costs_two_polls_and_is_closed_at_shutdown() {
    let (eof, report) = within_limit("a silent client", || {
        tokio_runtime(false).block_on(async {
            let (server, mut control) = on_tokio::bind(loopback()).await.unwrap();
            let mut silent =
                echo_clients::connect(server.local_addr().unwrap()).unwrap();
            let serving = tokio::spawn(server.run());
            control.started(1).await;
            // A server that spun on the silent socket would poll it
            // thousands of times in here; ours is parked in epoll_wait.
            tokio::time::sleep(Duration::from_millis(200)).await;
            control.stop();
            let report = serving.await.unwrap();
            let eof = tokio::task::spawn_blocking(move || silent.read(&mut [0; 8]))
                .await
                .unwrap();
            (eof.unwrap(), report)
        })
    });
    assert_eq!(eof, 0, "the silent client reads EOF");
    assert_eq!((report.connections, report.closed_at_shutdown), (1, 1));
    assert_eq!((report.bytes, report.polls), (0, 2));
}

/// A client that sends nothing and closes: the server reads zero bytes at
/// once, which is EOF, and closes too.
#[test]
fn a_client_that_closes_at_once_is_echoed_zero_bytes() {
    let (eof, report, _) = against_tokio(false, |addr| {
        let mut client = echo_clients::connect(addr).unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        client.read(&mut [0; 8]).unwrap()
    });
    assert_eq!(eof, 0);
    assert_eq!((report.connections, report.echoed, report.bytes), (1, 1, 0));
}

#[test]
fn a_port_in_use_is_the_callers_error() {
    let error = within_limit("two binds", || {
        tokio_runtime(false).block_on(async {
            let (first, _control) = on_tokio::bind(loopback()).await.unwrap();
            let taken = first.local_addr().unwrap();
            on_tokio::bind(taken).await.err().unwrap()
        })
    });
    assert_eq!(error.kind(), io::ErrorKind::AddrInUse);
}

// Our runtime, the same bad input.

#[test]
fn ours_refuses_a_connect_after_shutdown() {
    let (summary, report, _, addr) =
        against_ours(|addr| echo_clients::run(addr, 1).unwrap());
    assert_eq!(
        (summary.mismatched.len(), report.connections, report.echoed),
        (0, 1, 1)
    );
    let refused = TcpStream::connect_timeout(&addr, LIMIT).unwrap_err();
    assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
}

#[test]
fn ours_fails_only_the_connection_that_resets() {
    let (_, report, _, _) = against_ours(|addr| {
        echo_clients::reset_after_echo(addr, b"half a request").unwrap();
        let summary = echo_clients::run(addr, 1).unwrap();
        assert_eq!(summary.mismatched, Vec::<usize>::new());
    });
    // The good client ran after the reset, but the reset connection's task
    // may see its RST after the good one ends: the order of `failed` and
    // `echoed` does not matter, only the counts.
    assert_eq!(report.connections, 2);
    assert_eq!(report.failed, vec![io::ErrorKind::ConnectionReset]);
    assert_eq!((report.echoed, report.closed_at_shutdown), (1, 0));
}

#[test]
fn ours_echoes_zero_bytes_to_a_client_that_closes_at_once() {
    let (eof, report, _, _) = against_ours(|addr| {
        let mut client = echo_clients::connect(addr).unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        client.read(&mut [0; 8]).unwrap()
    });
    assert_eq!(eof, 0);
    assert_eq!((report.connections, report.echoed, report.bytes), (1, 1, 0));
}

/// The silent client on our runtime: its task is polled once, the loop
/// parks, and nothing runs until the stop; then one more poll ends it.
#[test]
fn ours_holds_a_silent_client_for_two_polls_and_closes_it_at_shutdown() {
    let (eof, report, counts, parks_while_silent) =
        within_limit("a silent client", || {
            let runtime = Runtime::<Notified>::for_tasks().unwrap();
            let handle = runtime.handle();
            let (server, control) = on_ours::bind(loopback(), &handle).unwrap();
            let addr = server.local_addr().unwrap();
            let serving = handle.spawn(server.run());
            let looping = thread::spawn(move || runtime.run());

            handle.wait_until_parked(1, LIMIT).unwrap(); // the server waits in accept
            let mut silent = echo_clients::connect(addr).unwrap();
            handle.wait_until_parked(2, LIMIT).unwrap(); // its connection waits in read
            thread::sleep(Duration::from_millis(200));
            let parks_while_silent = handle.parks();
            control.stop();
            let counts = looping.join().unwrap();
            let eof = silent.read(&mut [0; 8]).unwrap();
            let report = futures::executor::block_on(serving).unwrap();
            (eof, report, counts, parks_while_silent)
        });
    assert_eq!(eof, 0, "the silent client reads EOF");
    assert_eq!((report.connections, report.closed_at_shutdown), (1, 1));
    assert_eq!((report.bytes, report.polls), (0, 2));
    assert_eq!(parks_while_silent, 2, "the loop slept through the silence");
    // The server's task: 4 polls (accept waits; accepts; stops; returns).
    // The connection's: 2. The stop is a wake, not a socket event. Whether
    // the loop parks once more after the stop depends on whether it takes
    // its queue between the stop's two wakes (the server's, the
    // connection's), so only "at least" is fixed there.
    assert_eq!((counts.polls, counts.events), (6, 2));
    assert!(counts.parks >= 2);
}

#[test]
fn ours_returns_a_port_in_use_to_the_caller() {
    let runtime = Runtime::<Notified>::for_tasks().unwrap();
    let handle = runtime.handle();
    let (first, _control) = on_ours::bind(loopback(), &handle).unwrap();
    let taken = first.local_addr().unwrap();
    let error = on_ours::bind(taken, &handle).err().unwrap();
    assert_eq!(error.kind(), io::ErrorKind::AddrInUse);
}

// The stop flag and the results list of our server.

#[test]
fn a_stop_wakes_every_waiter_and_a_dropped_waiter_leaves_no_waker() {
    use listings::engine::echo::stop::Stop;
    let stop = Stop::default();
    let (counter, waker) = common::counting_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    let mut first = Box::pin(stop.stopped());
    let mut second = Box::pin(stop.stopped());
    assert!(first.as_mut().poll(&mut cx).is_pending());
    assert!(second.as_mut().poll(&mut cx).is_pending());
    assert!(second.as_mut().poll(&mut cx).is_pending(), "polled twice");
    assert_eq!(stop.waiting(), 2, "one waker per future, however often polled");
    drop(second);
    assert_eq!(stop.waiting(), 1, "a dropped future takes its waker out");
    stop.set();
    assert_eq!((counter.count(), stop.waiting()), (1, 0));
    assert!(first.as_mut().poll(&mut cx).is_ready());
    assert!(
        Box::pin(stop.stopped()).as_mut().poll(&mut cx).is_ready(),
        "set stays set"
    );
}

/// Records, in a shared list, the number it was made with when it is woken.
struct RecordsWake(u64, Arc<Mutex<Vec<u64>>>);

impl Wake for RecordsWake {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

#[test]
fn a_stop_wakes_the_oldest_waiter_first_whatever_the_order_of_polls() {
    use listings::engine::echo::stop::Stop;
    let stop = Stop::default();
    let woken = Arc::new(Mutex::new(Vec::new()));
    let mut waiters: Vec<_> = (1..=3).map(|_| Box::pin(stop.stopped())).collect();
    for made in [3, 1, 2] {
        let waker = Waker::from(Arc::new(RecordsWake(made, Arc::clone(&woken))));
        let waiter = waiters[made as usize - 1].as_mut();
        assert!(waiter.poll(&mut Context::from_waker(&waker)).is_pending());
    }
    stop.set();
    assert_eq!(*woken.lock().unwrap(), [1, 2, 3], "in the order they were made");
}

/// `add` counts a connection task that panicked, on either server.
#[test]
fn a_panicking_connection_task_is_counted_by_either_server() {
    fn panics() -> Connection {
        panic!("a connection task that panics, on purpose")
    }
    let echoed = Connection { ending: Ending::Echoed, bytes: 3, polls: 1 };
    let ours = within_limit("a panic on ours", move || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let panicked = handle.spawn(async { panics() });
        let after = handle.spawn(async move { echoed });
        runtime.run();
        let mut report = Report::default();
        on_ours::add(&mut report, futures::executor::block_on(panicked));
        on_ours::add(&mut report, futures::executor::block_on(after));
        report
    });
    let tokio = within_limit("a panic on Tokio", move || {
        tokio_runtime(false).block_on(async move {
            let mut report = Report::default();
            on_tokio::add(&mut report, tokio::spawn(async { panics() }).await);
            on_tokio::add(&mut report, tokio::spawn(async move { echoed }).await);
            report
        })
    });
    for report in [ours, tokio] {
        assert_eq!((report.panicked, report.echoed, report.bytes), (1, 1, 3));
    }
}

#[test]
fn unless_stopped_looks_at_the_flag_before_the_work() {
    use listings::engine::echo::stop::{Stop, unless_stopped};
    let stop = Stop::default();
    let ready_work = async { 42 };
    assert_eq!(
        futures::executor::block_on(unless_stopped(&stop, ready_work)),
        Some(42)
    );
    stop.set();
    let ready_work = async { 42 };
    assert_eq!(futures::executor::block_on(unless_stopped(&stop, ready_work)), None);
}

#[test]
fn dropping_the_control_stops_either_server() {
    let ours = within_limit("ours, its control dropped", || {
        let runtime = Runtime::<Notified>::for_tasks().unwrap();
        let handle = runtime.handle();
        let (server, control) = on_ours::bind(loopback(), &handle).unwrap();
        let serving = handle.spawn(server.run());
        drop(control);
        runtime.run();
        futures::executor::block_on(serving).unwrap()
    });
    let tokio = within_limit("Tokio's, its control dropped", || {
        tokio_runtime(false).block_on(async {
            let (server, control) = on_tokio::bind(loopback()).await.unwrap();
            drop(control);
            server.run().await
        })
    });
    assert_eq!((ours, tokio), (Report::default(), Report::default()));
}

// The real one: what Tokio's TcpStream does that ours does not.

/// `net/tcp/stream.rs`, `new_accepted`: an accepted stream starts out
/// marked readable and writable, before any event, so its first read asks
/// the kernel at once.
#[test]
fn tokio_marks_an_accepted_stream_ready_before_any_event() {
    use futures::FutureExt;
    let (ready_at_once, first_read) = within_limit("a fresh accept", || {
        tokio_runtime(false).block_on(async {
            let listener = tokio::net::TcpListener::bind(loopback()).await.unwrap();
            let _silent = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (server, _) = listener.accept().await.unwrap();
            let ready_at_once = server.readable().now_or_never().is_some();
            let first_read = server.try_read(&mut [0; 8]).unwrap_err().kind();
            let ready_after = server.readable().now_or_never().is_some();
            ((ready_at_once, ready_after), first_read)
        })
    });
    assert_eq!(ready_at_once, (true, false), "assumed ready, until a WouldBlock");
    assert_eq!(first_read, io::ErrorKind::WouldBlock);
}

/// Our `poll_io` clears the readiness only on `WouldBlock`: after a short
/// read, the next read asks the kernel at once, with no event in between.
/// Bytes that arrived meanwhile are read in the same poll.
#[test]
fn ours_asks_the_kernel_again_after_a_short_read() {
    use listings::engine::net::TcpStream as OurStream;
    use listings::engine::readiness::loopback_pair;
    let (second, counts) = within_limit("two short reads", || {
        let runtime = Runtime::new().unwrap();
        let handle = runtime.handle();
        let (mut client, server) = loopback_pair().unwrap();
        client.write_all(b"ping").unwrap();
        server.set_read_timeout(Some(LIMIT)).unwrap();
        assert_eq!(server.peek(&mut [0; 4]).unwrap(), 4, "ping is in the socket");
        let watch = server.try_clone().unwrap(); // to see "pong" arrive
        let server = OurStream::from_std(server, &handle).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        handle.spawn(async move {
            let mut buf = [0; 64];
            assert_eq!(server.read(&mut buf).await.unwrap(), 4, "a short read");
            client.write_all(b"pong").unwrap();
            wait_until_it_holds(&watch, 4);
            // One poll, and no turn of the reactor since the short read.
            let second =
                poll_fn(|cx| Poll::Ready(server.poll_read(cx, &mut buf))).await;
            tx.send(second.map(Result::unwrap)).unwrap();
        });
        let counts = runtime.run();
        (rx.recv().unwrap(), counts)
    });
    assert_eq!(second, Poll::Ready(4), "the second read asked the kernel");
    assert_eq!(counts.polls, 2);
}

/// Waits, a bounded number of tries, until `socket` (non-blocking) holds
/// `n` bytes.
fn wait_until_it_holds(socket: &TcpStream, n: usize) {
    let deadline = std::time::Instant::now() + LIMIT;
    while socket.peek(&mut vec![0; n]).ok() != Some(n) {
        assert!(std::time::Instant::now() < deadline, "{n} bytes never arrived");
        thread::yield_now();
    }
}

/// `io/poll_evented.rs`, `poll_read`: on Linux, a read through
/// `AsyncRead` that fills less than the buffer clears the readiness at
/// once: the socket must be empty, and the next read waits for an event
/// instead of asking the kernel for a `WouldBlock`. `try_read` does not.
#[test]
fn tokio_clears_readiness_after_a_short_read_but_not_after_a_short_try_read() {
    use futures::FutureExt;
    use tokio::io::AsyncReadExt;
    let (after_read, after_try_read) = within_limit("short reads", || {
        tokio_runtime(false).block_on(async {
            let listener = tokio::net::TcpListener::bind(loopback()).await.unwrap();
            let mut client =
                TcpStream::connect(listener.local_addr().unwrap()).unwrap();
            let (mut server, _) = listener.accept().await.unwrap();
            let mut big = [0u8; 64];

            client.write_all(b"ping").unwrap();
            server.readable().await.unwrap();
            assert_eq!(server.read(&mut big).await.unwrap(), 4);
            let after_read = server.readable().now_or_never().is_some();

            client.write_all(b"ping").unwrap();
            server.readable().await.unwrap();
            assert_eq!(server.try_read(&mut big).unwrap(), 4);
            let after_try_read = server.readable().now_or_never().is_some();
            (after_read, after_try_read)
        })
    });
    assert!(!after_read, "a short read left the readiness set");
    assert!(after_try_read, "a short try_read cleared the readiness");
}

/// `task/join_set.rs`: dropping a `JoinSet` aborts every task in it.
#[test]
fn dropping_a_join_set_aborts_its_tasks() {
    let dropped = within_limit("a dropped JoinSet", || {
        tokio_runtime(false).block_on(async {
            let (dropped_tx, mut dropped) =
                tokio::sync::mpsc::unbounded_channel::<()>();
            struct Guard(tokio::sync::mpsc::UnboundedSender<()>);
            impl Drop for Guard {
                fn drop(&mut self) {
                    let _ = self.0.send(());
                }
            }
            let mut set = tokio::task::JoinSet::new();
            for _ in 0..3 {
                let guard = Guard(dropped_tx.clone());
                set.spawn(async move {
                    let _guard = guard;
                    std::future::pending::<()>().await
                });
            }
            drop(dropped_tx);
            drop(set);
            let mut count = 0;
            while dropped.recv().await.is_some() {
                count += 1;
            }
            count
        })
    });
    assert_eq!(dropped, 3);
}
