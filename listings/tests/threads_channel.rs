//! Chapter 35's claims about a bounded channel, checked on ours and on
//! `tokio::sync::mpsc` with the same tests (each generic test runs twice,
//! as `ours::NAME` and `tokio_mpsc::NAME`): FIFO order, backpressure (a
//! send to a full channel waits until a receive frees a slot, and is woken
//! then), a receiver that waits on an empty channel, closing from either
//! side, a waiting sender dropped passes its turn on, a `send` dropped in
//! `select!` loses its message while a `reserve` loses nothing, and the
//! chapter's programs print the same trace on both runtimes; and Tokio's
//! `recv` spends the task's budget where ours does not. The futures
//! are polled by hand with `tokio_test::task`, which counts wakes; no
//! verdict depends on a clock or on thread timing.

use std::future::{Future, ready};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;

mod common;

use common::within_limit;
use listings::engine::runtime::count_polls;
use listings::many_threads::channel::demo::{
    Channel, Ours, Program, Tokio, backpressure, lines, receiver_closes,
    send_in_select, senders_hang_up,
};
use listings::many_threads::channel::{self, Snapshot, TrySendError};
use listings::many_threads::mutex::demo::{on_our_runtime, on_tokio_current_thread};
use tokio_test::task::spawn;

/// Counts the drops of the `Counted` messages made from it.
#[derive(Clone, Default)]
struct Drops(Arc<AtomicUsize>);

impl Drops {
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// A message that counts its drop.
struct Counted(u32, Drops);

impl Drop for Counted {
    fn drop(&mut self) {
        (self.1).0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Every message still in `receiver`, once no more can come.
fn drain<C: Channel<u32>>(receiver: &mut C::Receiver) -> Vec<u32> {
    let mut got = Vec::new();
    loop {
        match spawn(C::recv(receiver)).poll() {
            Poll::Ready(Some(n)) => got.push(n),
            Poll::Ready(None) => return got,
            Poll::Pending => panic!("recv waits, but no message can come"),
        }
    }
}

fn messages_arrive_in_the_order_they_were_sent<C: Channel<u32>>() {
    within_limit("a producer and a consumer", || {
        let (sender, mut receiver) = C::channel(3);
        let producer = async move {
            for n in 0..100 {
                C::send(&sender, n).await.unwrap();
            }
        };
        let consumer = async move {
            let mut got = Vec::new();
            while let Some(n) = C::recv(&mut receiver).await {
                got.push(n);
            }
            got
        };
        let ((), got) =
            futures::executor::block_on(async { futures::join!(producer, consumer) });
        assert_eq!(got, (0..100).collect::<Vec<_>>());
    });
}

fn a_send_to_a_full_channel_waits_until_a_recv_frees_a_slot<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(2);
    assert!(C::try_send(&sender, 1).is_ok());
    assert!(C::try_send(&sender, 2).is_ok());
    assert_eq!(C::try_send(&sender, 3), Err(3), "full: the message comes back");

    let mut send = spawn(C::send(&sender, 3));
    assert!(send.poll().is_pending(), "full: send waits");
    assert!(send.poll().is_pending() && !send.is_woken(), "nothing woke it");

    assert_eq!(spawn(C::recv(&mut receiver)).poll(), Poll::Ready(Some(1)));
    assert!(send.is_woken(), "the freed slot wakes the waiting sender");
    assert_eq!(C::try_send(&sender, 9), Err(9), "the slot is the waiting sender's");
    assert_eq!(send.poll(), Poll::Ready(Ok(())));
    drop(send);
    drop(sender);
    assert_eq!(drain::<C>(&mut receiver), [2, 3]);
}

fn an_empty_channel_makes_recv_wait_until_a_send_wakes_it<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(1);
    let mut recv = spawn(C::recv(&mut receiver));
    assert!(recv.poll().is_pending());
    assert!(!recv.is_woken());
    assert!(C::try_send(&sender, 7).is_ok());
    assert!(recv.is_woken(), "the send wakes the waiting receiver");
    assert_eq!(recv.poll(), Poll::Ready(Some(7)));
}

fn recv_drains_the_buffer_then_sees_none_once_every_sender_is_gone<C: Channel<u32>>() {
    let (first, mut receiver) = C::channel(4);
    let second = first.clone();
    assert!(C::try_send(&first, 1).is_ok() && C::try_send(&second, 2).is_ok());
    drop(first);
    {
        let mut recv = spawn(C::recv(&mut receiver));
        assert_eq!(recv.poll(), Poll::Ready(Some(1)));
    }
    let mut recv = spawn(C::recv(&mut receiver));
    assert_eq!(recv.poll(), Poll::Ready(Some(2)));
    drop(recv);
    let mut recv = spawn(C::recv(&mut receiver));
    assert!(recv.poll().is_pending(), "one sender is left: more may come");
    drop(second);
    assert!(recv.is_woken(), "the last sender's drop wakes the receiver");
    assert_eq!(recv.poll(), Poll::Ready(None));
}

fn a_waiting_send_gets_its_message_back_when_the_receiver_closes<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(1);
    assert!(C::try_send(&sender, 1).is_ok());
    let mut send = spawn(C::send(&sender, 2));
    assert!(send.poll().is_pending());

    C::close(&mut receiver);
    assert!(send.is_woken(), "close wakes the senders in line");
    assert_eq!(send.poll(), Poll::Ready(Err(2)), "the message comes back");
    assert_eq!(C::try_send(&sender, 3), Err(3));
    assert_eq!(spawn(C::send(&sender, 4)).poll(), Poll::Ready(Err(4)));
    assert_eq!(drain::<C>(&mut receiver), [1], "what was buffered is still received");
}

fn a_send_after_the_receiver_is_dropped_gets_its_message_back<C: Channel<Counted>>() {
    let drops = Drops::default();
    let (sender, receiver) = C::channel(2);
    assert!(C::try_send(&sender, Counted(1, drops.clone())).is_ok());
    drop(receiver);
    assert_eq!(drops.count(), 1, "the unread message is dropped with the receiver");
    match spawn(C::send(&sender, Counted(2, drops.clone()))).poll() {
        Poll::Ready(Err(back)) => assert_eq!(back.0, 2),
        _ => panic!("a send to a closed channel fails at once"),
    }
}

fn a_closed_channel_waits_for_its_permits_before_none<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(2);
    let Poll::Ready(Some(permit)) = spawn(C::reserve(&sender)).poll() else {
        panic!("a free slot")
    };
    C::close(&mut receiver);
    let mut recv = spawn(C::recv(&mut receiver));
    assert!(recv.poll().is_pending(), "a permit is out: one more message may come");
    C::send_permit(permit, 5);
    assert!(recv.is_woken());
    assert_eq!(recv.poll(), Poll::Ready(Some(5)), "a permit still sends after close");
    drop(recv);
    assert_eq!(spawn(C::recv(&mut receiver)).poll(), Poll::Ready(None));
}

fn a_sender_dropped_while_waiting_passes_its_turn_on<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(1);
    assert!(C::try_send(&sender, 1).is_ok());
    let (mut gives_up, mut first, mut second) = (
        spawn(C::send(&sender, 2)),
        spawn(C::send(&sender, 3)),
        spawn(C::send(&sender, 4)),
    );
    for send in [&mut gives_up, &mut first, &mut second] {
        assert!(send.poll().is_pending());
    }
    drop(gives_up); // while in line: it leaves the line, and 2 is dropped

    assert_eq!(spawn(C::recv(&mut receiver)).poll(), Poll::Ready(Some(1)));
    assert!(
        first.is_woken() && !second.is_woken(),
        "the slot goes to the oldest in line"
    );
    drop(first); // handed a slot, never polled again: it must pass the slot on
    assert!(second.is_woken(), "the dropped sender passed its slot on");
    assert_eq!(second.poll(), Poll::Ready(Ok(())));
    drop(second);
    drop(sender);
    assert_eq!(drain::<C>(&mut receiver), [4]);
}

fn a_permit_dropped_unused_gives_its_slot_back<C: Channel<u32>>() {
    let (sender, mut receiver) = C::channel(1);
    let Poll::Ready(Some(permit)) = spawn(C::reserve(&sender)).poll() else {
        panic!("a free slot")
    };
    assert_eq!(C::try_send(&sender, 1), Err(1), "the permit holds the only slot");
    let mut send = spawn(C::send(&sender, 2));
    assert!(send.poll().is_pending());
    drop(permit);
    assert!(send.is_woken(), "the slot goes to the sender in line");
    assert_eq!(send.poll(), Poll::Ready(Ok(())));
    drop(send);
    drop(sender);
    assert_eq!(drain::<C>(&mut receiver), [2]);
}

/// `send` in a `select!` whose other branch is ready: the send is polled
/// first (`biased`), waits on the full channel, and is dropped when the
/// other branch wins. The message moved into it is gone: dropped, never
/// received, and not handed back.
fn a_send_dropped_in_select_loses_its_message<C: Channel<Counted>>() {
    let drops = Drops::default();
    let (sender, mut receiver) = C::channel(1);
    assert!(C::try_send(&sender, Counted(1, drops.clone())).is_ok());

    let message = Counted(2, drops.clone());
    let send_won = futures::executor::block_on(async {
        tokio::select! {
            biased;
            _ = C::send(&sender, message) => true,
            () = ready(()) => false, // a timeout, a shutdown signal, ...
        }
    });
    assert!(!send_won);
    assert_eq!(drops.count(), 1, "message 2 was dropped with the send future");

    drop(sender);
    let mut received = Vec::new();
    while let Poll::Ready(Some(message)) = spawn(C::recv(&mut receiver)).poll() {
        received.push(message.0);
    }
    assert_eq!(received, [1], "only message 1 arrives");
}

/// The same race with `reserve`: the message stays with the caller until a
/// permit is in hand, so losing the race loses nothing, and the permit's
/// `send` cannot fail or wait.
fn a_reserve_raced_in_select_loses_no_message<C: Channel<Counted>>() {
    let drops = Drops::default();
    let (sender, mut receiver) = C::channel(1);
    assert!(C::try_send(&sender, Counted(1, drops.clone())).is_ok());

    let message = Counted(2, drops.clone());
    let mut rounds = 0;
    futures::executor::block_on(async {
        loop {
            tokio::select! {
                biased;
                Some(permit) = C::reserve(&sender) => {
                    C::send_permit(permit, message);
                    break;
                }
                () = ready(()) => {
                    rounds += 1; // the reserve lost: the message is still ours
                    if rounds == 3 {
                        let first = C::recv(&mut receiver).await.unwrap();
                        assert_eq!(first.0, 1); // frees the slot
                    }
                }
            }
        }
    });
    assert_eq!(
        (rounds, drops.count()),
        (3, 1),
        "only message 1 was dropped, once received"
    );

    drop(sender);
    let Poll::Ready(Some(second)) = spawn(C::recv(&mut receiver)).poll() else {
        panic!("message 2 arrives");
    };
    assert_eq!(second.0, 2);
}

/// Generates, for each generic test above, one `#[test]` on our channel
/// (`ours::NAME`) and one on `tokio::sync::mpsc` (`tokio_mpsc::NAME`).
macro_rules! on_both_channels {
    ($($name:ident),* $(,)?) => {
        mod ours {
            $(#[test] fn $name() { super::$name::<super::Ours>(); })*
        }
        mod tokio_mpsc {
            $(#[test] fn $name() { super::$name::<super::Tokio>(); })*
        }
    };
}

on_both_channels!(
    messages_arrive_in_the_order_they_were_sent,
    a_send_to_a_full_channel_waits_until_a_recv_frees_a_slot,
    an_empty_channel_makes_recv_wait_until_a_send_wakes_it,
    recv_drains_the_buffer_then_sees_none_once_every_sender_is_gone,
    a_waiting_send_gets_its_message_back_when_the_receiver_closes,
    a_send_after_the_receiver_is_dropped_gets_its_message_back,
    a_closed_channel_waits_for_its_permits_before_none,
    a_sender_dropped_while_waiting_passes_its_turn_on,
    a_permit_dropped_unused_gives_its_slot_back,
    a_send_dropped_in_select_loses_its_message,
    a_reserve_raced_in_select_loses_no_message,
);

// Ours only: what the state holds at each step.

fn snapshot(
    waiting: &[u64],
    handed: &[u64],
    buffered: usize,
    reserved: usize,
) -> Snapshot {
    Snapshot {
        buffered,
        reserved,
        waiting: waiting.to_vec(),
        handed: handed.to_vec(),
        receiver_waits: false,
        senders: 1,
        closed: false,
    }
}

#[test]
fn a_freed_slot_is_handed_to_the_oldest_sender_in_line_and_nobody_can_take_it() {
    let (sender, mut receiver) = channel::channel(1);
    sender.try_send(0).unwrap();
    let mut senders: Vec<_> = (1..=3).map(|n| spawn(sender.send(n))).collect();
    for send in &mut senders {
        assert!(send.poll().is_pending());
    }
    assert_eq!(receiver.snapshot(), snapshot(&[0, 1, 2], &[], 1, 0));

    assert_eq!(spawn(receiver.recv()).poll(), Poll::Ready(Some(0)));
    assert_eq!(receiver.snapshot(), snapshot(&[1, 2], &[0], 0, 1));
    assert_eq!(sender.capacity(), 0);
    assert!(matches!(sender.try_send(9), Err(TrySendError::Full(9))));
    let mut latecomer = spawn(sender.send(9));
    assert!(latecomer.poll().is_pending(), "a new send goes to the back of the line");
    assert_eq!(receiver.snapshot(), snapshot(&[1, 2, 3], &[0], 0, 1));

    let mut order = Vec::new();
    for _ in 0..4 {
        for (at, send) in senders.iter_mut().chain([&mut latecomer]).enumerate() {
            if send.is_woken() {
                assert_eq!(send.poll(), Poll::Ready(Ok(())));
                order.push(at);
            }
        }
        if let Poll::Ready(Some(n)) = spawn(receiver.recv()).poll() {
            order.push(10 + n as usize);
        }
    }
    assert_eq!(order, [0, 11, 1, 12, 2, 13, 3, 19]);
    drop((senders, latecomer));
    assert_eq!(receiver.snapshot(), snapshot(&[], &[], 0, 0));
}

#[test]
fn a_sender_polled_again_keeps_its_place_and_is_woken_through_its_new_waker() {
    let (sender, mut receiver) = channel::channel(1);
    sender.try_send(0).unwrap();
    let mut reserve = sender.reserve();
    let (old, old_waker) = common::counting_waker();
    let (new, new_waker) = common::counting_waker();
    let mut poll = |waker| {
        let mut cx = std::task::Context::from_waker(waker);
        std::pin::Pin::new(&mut reserve).poll(&mut cx).map(|permit| permit.is_ok())
    };
    assert!(poll(&old_waker).is_pending());
    assert!(poll(&new_waker).is_pending());
    assert_eq!(receiver.snapshot().waiting, [0], "still one place in line");
    assert_eq!(spawn(receiver.recv()).poll(), Poll::Ready(Some(0)));
    assert_eq!((old.count(), new.count()), (0, 1));
    assert_eq!(poll(&new_waker), Poll::Ready(true));
}

#[test]
fn close_voids_the_slots_handed_to_senders_not_yet_polled() {
    let (sender, mut receiver) = channel::channel(1);
    sender.try_send(0).unwrap();
    let mut send = spawn(sender.send(1));
    assert!(send.poll().is_pending());
    assert_eq!(spawn(receiver.recv()).poll(), Poll::Ready(Some(0)));
    assert_eq!(receiver.snapshot().handed, [0]);
    receiver.close();
    assert_eq!(send.poll(), Poll::Ready(Err(channel::SendError(1))));
    let after = receiver.snapshot();
    assert_eq!((after.reserved, after.handed, after.closed), (0, vec![], true));
    assert_eq!(spawn(receiver.recv()).poll(), Poll::Ready(None));
}

/// Runs one of the chapter's programs: ours on Part VI's runtime, Tokio's
/// on Tokio's current-thread runtime, and ours on Tokio's runtime too.
fn three_traces(program: [Program; 3]) -> [Vec<String>; 3] {
    within_limit("a program on two runtimes", move || {
        let (tasks, ours) = program[0]();
        on_our_runtime(tasks).unwrap();
        let (tasks, tokio) = program[1]();
        on_tokio_current_thread(tasks).unwrap();
        let (tasks, ours_on_tokio) = program[2]();
        on_tokio_current_thread(tasks).unwrap();
        [lines(&ours), lines(&tokio), lines(&ours_on_tokio)]
    })
}

fn position(trace: &[String], line: &str) -> usize {
    trace.iter().position(|l| l == line).unwrap_or_else(|| panic!("no line {line:?}"))
}

#[test]
fn the_backpressure_program_makes_the_producer_wait_for_the_consumer_on_both_runtimes()
{
    let [ours, tokio, ours_on_tokio] = three_traces([
        backpressure::<Ours>,
        backpressure::<Tokio>,
        backpressure::<Ours>,
    ]);
    assert_eq!(ours, tokio);
    assert_eq!(ours, ours_on_tokio);
    for n in 3..=6 {
        // Message n finds the buffer full; it goes in after n - 2 is received.
        let (sending, sent) =
            (format!("producer: sending {n}"), format!("producer: sent {n}"));
        let freed = position(&ours, &format!("consumer: got {}", n - 2));
        assert!(position(&ours, &sending) < freed && freed < position(&ours, &sent));
    }
    assert_eq!(ours.last().unwrap(), "consumer: recv() is None");
}

#[test]
fn the_close_programs_drain_and_give_messages_back_on_both_runtimes() {
    let [ours, tokio, ours_on_tokio] = three_traces([
        senders_hang_up::<Ours>,
        senders_hang_up::<Tokio>,
        senders_hang_up::<Ours>,
    ]);
    assert_eq!(ours, tokio);
    assert_eq!(ours, ours_on_tokio);
    assert!(
        position(&ours, "b: drops its sender") < position(&ours, "consumer: got b2")
    );
    assert_eq!(ours.last().unwrap(), "consumer: None, no sender left");

    let [ours, tokio, ours_on_tokio] = three_traces([
        receiver_closes::<Ours>,
        receiver_closes::<Tokio>,
        receiver_closes::<Ours>,
    ]);
    assert_eq!(ours, tokio);
    assert_eq!(ours, ours_on_tokio);
    let closed = position(&ours, "consumer: closes the channel");
    assert!(closed < position(&ours, "consumer: got 2"));
    assert!(closed < position(&ours, "producer: closed, got 3 back"));
    assert!(ours.contains(&"producer: closed, got 4 back".to_string()));
}

#[test]
fn the_select_program_loses_the_sent_parcel_and_keeps_the_reserved_one_on_both_runtimes()
 {
    let [ours, tokio, ours_on_tokio] = three_traces([
        send_in_select::<Ours>,
        send_in_select::<Tokio>,
        send_in_select::<Ours>,
    ]);
    assert_eq!(ours, tokio);
    assert_eq!(ours, ours_on_tokio);
    let opened: Vec<_> =
        ours.iter().filter(|line| line.starts_with("consumer: opened")).collect();
    assert_eq!(opened, ["consumer: opened 1", "consumer: opened 3"]);
    assert_eq!(
        ours.iter()
            .filter(|line| line.ends_with("dropped unopened"))
            .collect::<Vec<_>>(),
        ["parcel 2 dropped unopened"]
    );
}

/// Receives 1000 messages that are all buffered already, in one future on
/// Tokio's current-thread runtime, and counts the polls of that future.
fn polls_to_receive_a_thousand<C: Channel<u32>>() -> usize {
    within_limit("1000 buffered messages", || {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let (sender, mut receiver) = C::channel(1000);
            for n in 0..1000 {
                assert!(C::try_send(&sender, n).is_ok());
            }
            let polls = AtomicUsize::new(0);
            let receive = async {
                for n in 0..1000 {
                    assert_eq!(C::recv(&mut receiver).await, Some(n));
                }
            };
            count_polls(receive, &polls).await;
            polls.into_inner()
        })
    })
}

#[test]
fn tokios_recv_spends_the_tasks_budget_where_ours_does_not() {
    // 1000 ready messages at 128 units of budget per poll: 7 forced yields.
    let polls =
        [polls_to_receive_a_thousand::<Ours>(), polls_to_receive_a_thousand::<Tokio>()];
    assert_eq!(polls, [1, 8]);
}
