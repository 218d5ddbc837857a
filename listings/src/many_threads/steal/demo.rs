//! Chapter 34: the programs the chapter runs on the scheduler: two tasks
//! that wake each other (the LIFO slot and its cap), a busy worker robbed
//! by an idle one (stealing half), tasks that can only finish on as many
//! threads as there are tasks, and the window of a lost wake-up.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;

use listings::engine::task::demo::WakerSlot;
use listings::many_threads::steal::runtime::{
    self, Builder, Parking, Runtime, Source, Steal,
};

/// What a task saw when it ran: its name, its worker, and where the worker
/// found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ran {
    pub task: &'static str,
    pub worker: usize,
    pub source: Source,
}

/// A shared record of runs, in the order they happened.
pub type Log = Arc<Mutex<Vec<Ran>>>;

fn note(log: &Log, task: &'static str) {
    let (worker, source) = runtime::current().expect("runs on a worker");
    log.lock().unwrap().push(Ran { task, worker, source });
}

// ANCHOR: ping_pong
/// One of two tasks that wake each other: each poll wakes the partner and
/// waits for the partner to wake it back, until the pair has used up its
/// `rounds`. Then it wakes the partner one last time, so both finish.
pub struct PingPong {
    name: &'static str,
    me: Arc<Mutex<Option<Waker>>>,
    partner: Arc<Mutex<Option<Waker>>>,
    rounds: Arc<AtomicUsize>,
    log: Log,
}

impl Future for PingPong {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        note(&self.log, self.name);
        let more = self
            .rounds
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        if more.is_ok() {
            *self.me.lock().unwrap() = Some(cx.waker().clone());
        }
        if let Some(partner) = self.partner.lock().unwrap().as_ref() {
            partner.wake_by_ref(); // the partner takes our LIFO slot
        }
        if more.is_ok() { Poll::Pending } else { Poll::Ready(()) }
    }
}
// ANCHOR_END: ping_pong

/// Two tasks `a` and `b` that wake each other for `rounds` polls, and a
/// third, `c`, spawned with them, on one worker whose LIFO slot allows
/// `max_lifo_polls` runs in a row. Returns every run, in order.
pub fn lifo_starvation(max_lifo_polls: Option<usize>, rounds: usize) -> Vec<Ran> {
    // ANCHOR: lifo_starvation
    let runtime = Builder::new(1).max_lifo_polls(max_lifo_polls).build();
    let log = Log::default();
    let handle = runtime.handle().clone();
    let parent = runtime.spawn({
        let log = Arc::clone(&log);
        async move {
            // On the worker, so all three go to its local queue: a, b, c.
            let (slot_a, slot_b) = (Arc::default(), Arc::default());
            let rounds = Arc::new(AtomicUsize::new(rounds));
            let pair = [("a", &slot_a, &slot_b), ("b", &slot_b, &slot_a)];
            let mut tasks: Vec<_> = pair
                .into_iter()
                .map(|(name, me, partner)| {
                    handle.spawn(PingPong {
                        name,
                        me: Arc::clone(me),
                        partner: Arc::clone(partner),
                        rounds: Arc::clone(&rounds),
                        log: Arc::clone(&log),
                    })
                })
                .collect();
            let log = Arc::clone(&log);
            tasks.push(handle.spawn(async move { note(&log, "c") }));
            tasks
        }
    });
    for task in runtime.block_on(parent).unwrap() {
        runtime.block_on(task).unwrap();
    }
    // ANCHOR_END: lifo_starvation
    runtime.shutdown();
    let mut runs = Vec::new();
    runs.append(&mut log.lock().unwrap());
    runs
}

/// What `steal_half` saw.
#[derive(Debug)]
pub struct Robbed {
    /// The worker that spawned the tasks and was then held.
    pub busy: usize,
    /// The first steal of the run.
    pub first_steal: Steal,
    /// Which worker ran each task, by task.
    pub ran_on: Vec<usize>,
    /// How often each task ran.
    pub runs: Vec<usize>,
}

// ANCHOR: steal_half
/// Two workers. One is held by a `holder` task; the other runs a `parent`
/// that spawns `tasks` tasks onto its own queue, lets the holder go, and
/// then blocks its worker until one of its tasks has run somewhere else.
/// The freed worker has nothing of its own and nothing in the inject
/// queue: it steals.
pub fn steal_half(tasks: usize) -> Robbed {
    let runtime = Runtime::new(2);
    let (release_holder, held) = mpsc::channel::<()>();
    let (first_ran, wait_for_thief) = mpsc::channel::<()>();
    let ran_on: Arc<Vec<AtomicUsize>> =
        Arc::new((0..tasks).map(|_| AtomicUsize::new(usize::MAX)).collect());
    let runs: Arc<Vec<AtomicUsize>> =
        Arc::new((0..tasks).map(|_| AtomicUsize::new(0)).collect());

    // Spawned first, so it leaves the inject queue first: it holds
    // whichever worker takes it, and the parent goes to the other one.
    let holder = runtime.spawn(async move { held.recv().unwrap() });
    let handle = runtime.handle().clone();
    let (ran_on_, runs_) = (Arc::clone(&ran_on), Arc::clone(&runs));
    let parent = runtime.spawn(async move {
        let busy = runtime::current().unwrap().0;
        let children: Vec<_> = (0..tasks)
            .map(|i| {
                let (ran_on, runs, first_ran) =
                    (Arc::clone(&ran_on_), Arc::clone(&runs_), first_ran.clone());
                handle.spawn(async move {
                    ran_on[i].store(runtime::current().unwrap().0, Ordering::SeqCst);
                    runs[i].fetch_add(1, Ordering::SeqCst);
                    let _ = first_ran.send(()); // only the first send matters
                })
            })
            .collect();
        release_holder.send(()).unwrap();
        // Blocks this worker, on purpose: only the other can run a task.
        wait_for_thief.recv().unwrap();
        (busy, children)
    });
    runtime.block_on(holder).unwrap();
    let (busy, children) = runtime.block_on(parent).unwrap();
    for child in children {
        runtime.block_on(child).unwrap();
    }
    let first_steal = runtime.stats().steals[0];
    // ANCHOR_END: steal_half
    runtime.shutdown();
    let load = |v: &[AtomicUsize]| v.iter().map(|a| a.load(Ordering::SeqCst)).collect();
    Robbed { busy, first_steal, ran_on: load(&ran_on), runs: load(&runs) }
}

// ANCHOR: barrier
/// `workers` tasks that each block their thread at one `Barrier` until all
/// of them are there: they finish only if every task has a thread to
/// itself at the same time. Returns the worker each ran on, sorted.
pub fn meet_at_a_barrier(workers: usize) -> Vec<usize> {
    let runtime = Runtime::new(workers);
    let barrier = Arc::new(Barrier::new(workers));
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            runtime.spawn(async move {
                barrier.wait(); // blocks the worker: on purpose, to pin the task
                runtime::current().unwrap().0
            })
        })
        .collect();
    let mut ran_on: Vec<usize> =
        tasks.into_iter().map(|t| runtime.block_on(t).unwrap()).collect();
    ran_on.sort();
    ran_on
}
// ANCHOR_END: barrier

/// What `lost_wakeup` found once the worker was asleep.
#[derive(Debug, PartialEq, Eq)]
pub struct Parked {
    /// Whether the task pushed in the window ran.
    pub ran: bool,
    /// Tasks in the inject queue while the worker sleeps.
    pub queued: usize,
}

// ANCHOR: lost_wakeup
/// One worker, which starts with nothing to do. When it has found no work
/// and is about to park, its hook stops it there while this thread spawns
/// a task (into the inject queue, with a `notify` that finds no sleeper),
/// then lets it go on into `park`. Waits until the worker sleeps, and
/// reports what it left behind. The runtime is returned, still running,
/// with the task's handle.
pub fn lost_wakeup(
    parking: Parking,
) -> (Parked, Runtime, listings::engine::task::JoinHandle<()>) {
    let (at_window, in_window) = mpsc::channel::<()>();
    let (go_on, pushed) = mpsc::channel::<()>();
    let (at_window, pushed) = (Mutex::new(Some(at_window)), Mutex::new(pushed));
    let runtime = Builder::new(1)
        .parking(parking)
        .before_park(move |_worker| {
            // Only the first time: the worker has looked at every queue.
            if let Some(at_window) = at_window.lock().unwrap().take() {
                at_window.send(()).unwrap();
                pushed.lock().unwrap().recv().unwrap();
            }
        })
        .build();
    in_window.recv().unwrap();
    let ran = Arc::new(AtomicBool::new(false));
    let task = runtime.spawn({
        let ran = Arc::clone(&ran);
        async move { ran.store(true, Ordering::SeqCst) }
    });
    go_on.send(()).unwrap();
    // The worker counts as asleep only while it waits on the condvar.
    while runtime.handle().sleeping() == 0 {
        thread::yield_now();
    }
    let parked =
        Parked { ran: ran.load(Ordering::SeqCst), queued: runtime.handle().queued().0 };
    (parked, runtime, task)
}
// ANCHOR_END: lost_wakeup

/// What `moved_by_a_wake` saw: `a`'s first run, `b`'s run, and `a`'s
/// second run.
pub type Moved = (Ran, Ran, Ran);

// ANCHOR: moved
/// Two workers, pinned one task each by a barrier. `a` leaves its waker
/// and waits; `b` waits until `a`'s worker has gone to sleep (so `a` is
/// idle, not running), then wakes `a`, which lands in `b`'s LIFO slot.
pub fn moved_by_a_wake() -> Moved {
    let runtime = Runtime::new(2);
    let (barrier, slot, log) =
        (Arc::new(Barrier::new(2)), WakerSlot::default(), Log::default());
    let a = runtime.spawn({
        let (barrier, slot, log) =
            (Arc::clone(&barrier), Arc::clone(&slot), Arc::clone(&log));
        let mut polled = false;
        std::future::poll_fn(move |cx| {
            note(&log, "a");
            if polled {
                return Poll::Ready(());
            }
            polled = true;
            barrier.wait();
            *slot.lock().unwrap() = Some(cx.waker().clone());
            Poll::Pending
        })
    });
    let handle = runtime.handle().clone();
    let b = runtime.spawn(async move {
        barrier.wait();
        note(&log, "b");
        while handle.sleeping() == 0 {
            thread::yield_now(); // until a's worker, with nothing to do, sleeps
        }
        slot.lock().unwrap().take().unwrap().wake();
        log
    });
    let log = runtime.block_on(b).unwrap();
    runtime.block_on(a).unwrap();
    let log = log.lock().unwrap();
    (log[0], log[1], log[2])
}
// ANCHOR_END: moved
