//! Chapter 36: the programs the chapter runs, written once for any async
//! mutex (`AsyncMutex`: ours, the barging variant, Tokio's) and spawned on
//! any runtime (`Task`s: Part VI's runtime or Tokio's current-thread one).

use std::future::Future;
use std::io;
use std::ops::DerefMut;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use listings::engine::runtime::Runtime;
use listings::engine::task::Notified;
use listings::engine::task::demo::yield_now;
use listings::many_threads::mutex::barging::{BargingGuard, BargingMutex};
use listings::many_threads::mutex::{Lock, Mutex, MutexGuard};

// ANCHOR: async_mutex
/// What the programs need of a mutex: a constructor, and a `lock` whose
/// future and guard can move between threads with the task.
pub trait AsyncMutex<T>: Send + Sync + 'static {
    type Guard<'a>: DerefMut<Target = T> + Send
    where
        Self: 'a;

    fn new(value: T) -> Self;

    fn lock(&self) -> impl Future<Output = Self::Guard<'_>> + Send;

    fn into_inner(self) -> T;
}
// ANCHOR_END: async_mutex

impl<T: Send + 'static> AsyncMutex<T> for Mutex<T> {
    type Guard<'a> = listings::many_threads::mutex::MutexGuard<'a, T>;

    fn new(value: T) -> Mutex<T> {
        Mutex::new(value)
    }

    fn lock(&self) -> impl Future<Output = Self::Guard<'_>> + Send {
        Mutex::lock(self)
    }

    fn into_inner(self) -> T {
        Mutex::into_inner(self)
    }
}

impl<T: Send + 'static> AsyncMutex<T> for BargingMutex<T> {
    type Guard<'a> = BargingGuard<'a, T>;

    fn new(value: T) -> BargingMutex<T> {
        BargingMutex::new(value)
    }

    fn lock(&self) -> impl Future<Output = Self::Guard<'_>> + Send {
        BargingMutex::lock(self)
    }

    fn into_inner(self) -> T {
        BargingMutex::into_inner(self)
    }
}

impl<T: Send + 'static> AsyncMutex<T> for tokio::sync::Mutex<T> {
    type Guard<'a> = tokio::sync::MutexGuard<'a, T>;

    fn new(value: T) -> tokio::sync::Mutex<T> {
        tokio::sync::Mutex::new(value)
    }

    fn lock(&self) -> impl Future<Output = Self::Guard<'_>> + Send {
        tokio::sync::Mutex::lock(self)
    }

    fn into_inner(self) -> T {
        tokio::sync::Mutex::into_inner(self)
    }
}

/// A task to spawn, on whichever runtime.
pub type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Runs `tasks` on Part VI's runtime (chapter 31's tasks), in this order,
/// until all have finished.
pub fn on_our_runtime(tasks: Vec<Task>) -> io::Result<()> {
    let runtime = Runtime::<Notified>::for_tasks()?;
    let handle = runtime.handle();
    for task in tasks {
        drop(handle.spawn(task)); // detached: `run` waits for every task
    }
    runtime.run();
    Ok(())
}

/// Runs `tasks` on Tokio's current-thread runtime, in this order, until
/// all have finished.
pub fn on_tokio_current_thread(tasks: Vec<Task>) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    runtime.block_on(async {
        let handles: Vec<_> = tasks.into_iter().map(tokio::spawn).collect();
        for handle in handles {
            handle.await.expect("a task of the program panicked");
        }
    });
    Ok(())
}

/// What a program's tasks did, in order: a log that only they write, each
/// line under a short std `Mutex` lock with no `.await` inside.
pub type Trace = Arc<std::sync::Mutex<Vec<String>>>;

fn note(trace: &Trace, line: String) {
    trace.lock().unwrap().push(line);
}

// ANCHOR: queue_up
/// Four tasks and one lock. `a` takes it first and holds it across three
/// yields; `b`, `c` and `d` ask for it after 2, 0 and 1 yields, so they ask
/// in the order c, d, b. Each holds it across one yield. Returns the
/// tasks, to spawn in the order a, b, c, d, and the trace they write.
pub fn queue_up<M: AsyncMutex<Vec<&'static str>>>() -> (Vec<Task>, Trace) {
    let mutex = Arc::new(M::new(Vec::new()));
    let trace = Trace::default();
    let plan = [("a", 0, 3), ("b", 2, 1), ("c", 0, 1), ("d", 1, 1)];
    let tasks = plan
        .into_iter()
        .map(|(name, yields_before, yields_holding)| {
            let (mutex, trace) = (Arc::clone(&mutex), Arc::clone(&trace));
            Box::pin(async move {
                for _ in 0..yields_before {
                    yield_now().await;
                }
                note(&trace, format!("{name} asks for the lock"));
                let mut holders = mutex.lock().await;
                holders.push(name);
                note(&trace, format!("{name} has it (holder {})", holders.len()));
                for _ in 0..yields_holding {
                    yield_now().await; // holding the lock across an .await
                }
                note(&trace, format!("{name} unlocks"));
            }) as Task
        })
        .collect();
    (tasks, trace)
}
// ANCHOR_END: queue_up

// ANCHOR: take_turns
/// One of the tasks of the fairness program: takes the lock, writes its
/// number in the log, holds the lock across one yield, unlocks, and asks
/// again at once, until the log has `turns` entries.
pub async fn take_turns<M: AsyncMutex<Vec<usize>>>(
    mutex: Arc<M>,
    me: usize,
    turns: usize,
) {
    loop {
        let mut log = mutex.lock().await;
        if log.len() == turns {
            return;
        }
        log.push(me);
        yield_now().await; // holding the lock
    } // the guard is dropped here, and the loop asks again with no .await between
}

/// `tasks` tasks taking `turns` turns in all on one mutex of type `M`.
/// Returns the tasks and the mutex, which holds the log once they finish
/// (`log_of`).
pub fn fairness<M: AsyncMutex<Vec<usize>>>(
    tasks: usize,
    turns: usize,
) -> (Vec<Task>, Arc<M>) {
    let mutex = Arc::new(M::new(Vec::new()));
    let spawned = (0..tasks)
        .map(|me| Box::pin(take_turns(Arc::clone(&mutex), me, turns)) as Task)
        .collect();
    (spawned, mutex)
}
// ANCHOR_END: take_turns

/// The log in `mutex`, once every task that shared it has finished.
pub fn log_of<M: AsyncMutex<Vec<usize>>>(mutex: Arc<M>) -> Vec<usize> {
    let Ok(mutex) = Arc::try_unwrap(mutex) else {
        panic!("a task still holds the mutex");
    };
    mutex.into_inner()
}

// ANCHOR: turns
/// What a log of turns says about fairness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turns {
    /// How many turns each task got.
    pub per_task: Vec<usize>,
    /// The most turns one task took in a row.
    pub longest_run: usize,
}

impl Turns {
    /// Counts the turns of `tasks` tasks in `log`.
    pub fn count(log: &[usize], tasks: usize) -> Turns {
        let mut per_task = vec![0; tasks];
        let (mut longest_run, mut run) = (0, 0);
        for (at, &task) in log.iter().enumerate() {
            per_task[task] += 1;
            run = if at > 0 && log[at - 1] == task { run + 1 } else { 1 };
            longest_run = longest_run.max(run);
        }
        Turns { per_task, longest_run }
    }
}
// ANCHOR_END: turns

/// A lock future of our mutex polled by hand, with a waker of its own that
/// counts its wakes: Listing 36-10 and the tests drive waiters with it.
pub struct Waiter<'a> {
    lock: Lock<'a, u32>,
    wakes: Arc<Wakes>,
}

/// Counts its wakes.
#[derive(Default)]
pub struct Wakes(AtomicUsize);

impl Wakes {
    /// How many times it was woken.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl<'a> Waiter<'a> {
    /// A waiter for `mutex`, not polled yet.
    pub fn new(mutex: &'a Mutex<u32>) -> Waiter<'a> {
        Waiter { lock: mutex.lock(), wakes: Arc::default() }
    }

    /// Polls once with this waiter's waker.
    pub fn poll(&mut self) -> Poll<MutexGuard<'a, u32>> {
        let waker = Waker::from(Arc::clone(&self.wakes));
        Pin::new(&mut self.lock).poll(&mut Context::from_waker(&waker))
    }

    /// Polls once and says whether it is still waiting.
    pub fn pending(&mut self) -> bool {
        self.poll().is_pending()
    }

    /// Polls once, expecting the guard.
    pub fn guard(&mut self) -> MutexGuard<'a, u32> {
        match self.poll() {
            Poll::Ready(guard) => guard,
            Poll::Pending => panic!("the waiter should have the lock"),
        }
    }

    /// How many times its waker was woken.
    pub fn woken(&self) -> usize {
        self.wakes.count()
    }

    /// Its wake counter, which outlives the waiter.
    pub fn wakes(&self) -> Arc<Wakes> {
        Arc::clone(&self.wakes)
    }
}
