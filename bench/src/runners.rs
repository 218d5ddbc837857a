//! One adapter per runner of the book, and Tokio's two runtimes, behind one
//! small trait, so that every benchmark body is written once.
//!
//! A runner gives a benchmark two things: a [`Spawn`]er, and
//! [`Runner::block_on`], which runs a `main` to its end and returns what
//! `main`'s future returns. Tasks hand results to each other with
//! `tokio::sync::oneshot`, which needs nothing but a `Waker` and so works on
//! every runner alike; a benchmark that needs to know when many tasks are
//! done uses [`Countdown`].
//!
//! Which benchmark runs where is decided by the types: a body that spawns
//! from inside tasks asks for a spawner that is `Clone + Send + Sync +
//! 'static` ([`SpawnAnywhere`]), and Part V's runtime, which spawns only
//! through `&mut Runtime` before its loop starts, has no such spawner.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use futures::task::AtomicWaker;
use listings::engine::runtime::{
    Handle as EngineHandle, Job, Runtime as EngineRuntime,
};
use listings::engine::task::Notified;
use listings::in_depth::runtime::Runtime as MiniRuntime;
use listings::many_threads::steal::runtime::{
    Handle as StealHandle, Runtime as StealRuntime,
};
use listings::reinventing::run_queue::{Launcher, run_queue};

/// Starts a task that runs `future` to its end; its output is `()`.
pub trait Spawn {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F);
}

/// A spawner that tasks can carry and spawn with, on any thread.
pub trait SpawnAnywhere: Spawn + Clone + Send + Sync + 'static {}
impl<S: Spawn + Clone + Send + Sync + 'static> SpawnAnywhere for S {}

/// A runner the benchmarks can drive.
pub trait Runner: Sized {
    /// The name in the results, the plots and the chapter's table.
    const NAME: &'static str;
    type Spawner: Spawn;

    /// What makes a fresh runner for each timed iteration. The book's
    /// runtimes are used up by their `run`, so this builds a new one each
    /// time (outside the timed part: see `benches/runners.rs`); Tokio's
    /// runtimes are built once and shared.
    fn maker() -> impl FnMut() -> Self;

    /// Calls `main` with a spawner (inside a task, where the runner allows:
    /// Part V's runtime calls it before its loop starts), runs the future
    /// `main` returns as a task, and runs until that task and every other
    /// task spawned has finished. Returns the future's output.
    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static;
}

/// A place for `main`'s output, for the runners whose loop returns nothing.
type Slot<T> = Arc<Mutex<Option<T>>>;

fn take<T>(slot: &Slot<T>) -> T {
    slot.lock().unwrap().take().expect("the runner returned before main finished")
}

// ---------------------------------------------------------------- Part II

/// Part II's run queue (`listings::reinventing::run_queue`): a channel of
/// `Arc<Job>`s, each with its future boxed behind a `Mutex`.
pub struct RunQueueRunner;

impl Spawn for Launcher {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        self.launch(future);
    }
}

impl Runner for RunQueueRunner {
    const NAME: &'static str = "II run queue";
    type Spawner = Launcher;

    fn maker() -> impl FnMut() -> Self {
        || RunQueueRunner
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Launcher) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let (queue, launcher) = run_queue();
        let slot: Slot<T> = Slot::default();
        let (out, inner) = (Arc::clone(&slot), launcher.clone());
        launcher.launch(async move {
            let value = main(&inner).await;
            *out.lock().unwrap() = Some(value);
        });
        queue.run();
        take(&slot)
    }
}

// ----------------------------------------------------------------- Part V

/// Part V's mini runtime (`listings::in_depth::runtime`). It spawns only
/// through `&mut Runtime`, before `run`: its spawner is the runtime itself,
/// in a `RefCell`, neither `Clone` nor `Send`.
pub struct MiniRunner(MiniRuntime);

/// Part V's spawner: usable only by `main`, before the loop starts.
pub struct MiniSpawner(RefCell<MiniRuntime>);

impl Spawn for MiniSpawner {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        self.0.borrow_mut().spawn(future);
    }
}

impl Runner for MiniRunner {
    const NAME: &'static str = "V mini runtime";
    type Spawner = MiniSpawner;

    fn maker() -> impl FnMut() -> Self {
        || MiniRunner(MiniRuntime::new())
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&MiniSpawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let spawner = MiniSpawner(RefCell::new(self.0));
        let future = main(&spawner);
        let slot: Slot<T> = Slot::default();
        let out = Arc::clone(&slot);
        spawner.spawn(async move {
            let value = future.await;
            *out.lock().unwrap() = Some(value);
        });
        spawner.0.into_inner().run();
        take(&slot)
    }
}

// ---------------------------------------------------------------- Part VI

/// Part VI's runtime with Part V's boxed jobs (chapter 28's loop, which parks
/// in the reactor).
pub struct EngineJobsRunner(EngineRuntime<Arc<Job>>);

impl Spawn for EngineHandle<Arc<Job>> {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        EngineHandle::<Arc<Job>>::spawn(self, future);
    }
}

impl Runner for EngineJobsRunner {
    const NAME: &'static str = "VI boxed jobs";
    type Spawner = EngineHandle<Arc<Job>>;

    fn maker() -> impl FnMut() -> Self {
        || EngineJobsRunner(EngineRuntime::new().expect("a reactor"))
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let handle = self.0.handle();
        let slot: Slot<T> = Slot::default();
        let (out, inner) = (Arc::clone(&slot), handle.clone());
        handle.spawn(async move {
            let value = main(&inner).await;
            *out.lock().unwrap() = Some(value);
        });
        self.0.run();
        take(&slot)
    }
}

/// Part VI's runtime with chapter 30's tasks made by hand: one allocation
/// per task, a state word, a `JoinHandle`.
pub struct EngineRunner(EngineRuntime<Notified>);

impl Spawn for EngineHandle<Notified> {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        drop(EngineHandle::<Notified>::spawn(self, future)); // detached
    }
}

impl Runner for EngineRunner {
    const NAME: &'static str = "VI tasks";
    type Spawner = EngineHandle<Notified>;

    fn maker() -> impl FnMut() -> Self {
        || EngineRunner(EngineRuntime::for_tasks().expect("a reactor"))
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let handle = self.0.handle();
        let inner = handle.clone();
        // The task's own `JoinHandle` carries main's output back.
        let join =
            EngineHandle::<Notified>::spawn(&handle, async move { main(&inner).await });
        self.0.run();
        let mut join = pin!(join);
        match join.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output.expect("main panicked"),
            Poll::Pending => panic!("the loop returned before main finished"),
        }
    }
}

// ---------------------------------------------------------------- Part VII

/// Part VII's multi-threaded scheduler (`listings::many_threads::steal`,
/// chapter 34): chapter 30's tasks on worker threads with local queues, a
/// LIFO slot, an inject queue and stealing. Like Tokio's multi-thread
/// runtime, it is built once, with as many workers, and shared by every
/// iteration: its workers live as long as the runtime, and starting threads
/// is not what the benchmarks measure.
pub struct StealRunner(Arc<StealRuntime>);

/// Workers of [`StealRunner`], the same as [`TOKIO_WORKERS`].
pub const STEAL_WORKERS: usize = TOKIO_WORKERS;

impl Spawn for StealHandle {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        drop(StealHandle::spawn(self, future)); // detached
    }
}

impl Runner for StealRunner {
    const NAME: &'static str = "VII scheduler";
    type Spawner = StealHandle;

    fn maker() -> impl FnMut() -> Self {
        let runtime = Arc::new(StealRuntime::new(STEAL_WORKERS));
        move || StealRunner(Arc::clone(&runtime))
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        // `main` runs as a task on the workers, as on Tokio's runtime; this
        // thread only waits for its `JoinHandle`.
        let inner = self.0.handle().clone();
        let join = self.0.spawn(async move { main(&inner).await });
        self.0.block_on(join).expect("main panicked")
    }
}

// ------------------------------------------------------------------ Tokio

impl Spawn for tokio::runtime::Handle {
    fn spawn<F: Future<Output = ()> + Send + 'static>(&self, future: F) {
        drop(tokio::runtime::Handle::spawn(self, future)); // detached
    }
}

/// Runs `main` in a Tokio task and waits for it with `block_on`, so that
/// `main`'s spawns are a task's spawns, as on the book's runners.
fn tokio_block_on<T, M, F>(runtime: &tokio::runtime::Runtime, main: M) -> T
where
    M: FnOnce(&tokio::runtime::Handle) -> F + Send + 'static,
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handle = runtime.handle().clone();
    let task = runtime.spawn(async move { main(&handle).await });
    runtime.block_on(task).expect("main panicked")
}

/// Tokio's current-thread runtime, with its I/O and time drivers, as Part
/// VI's runtime has a reactor and timers. Every ratio is to this runner.
pub struct TokioCurrent(Arc<tokio::runtime::Runtime>);

impl Runner for TokioCurrent {
    const NAME: &'static str = "Tokio current-thread";
    type Spawner = tokio::runtime::Handle;

    fn maker() -> impl FnMut() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a Tokio runtime");
        let runtime = Arc::new(runtime);
        move || TokioCurrent(Arc::clone(&runtime))
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        tokio_block_on(&self.0, main)
    }
}

/// Tokio's multi-thread runtime, one worker per core of the machine the
/// figures were taken on (two).
pub struct TokioMulti(Arc<tokio::runtime::Runtime>);

/// Workers of [`TokioMulti`].
pub const TOKIO_WORKERS: usize = 2;

impl Runner for TokioMulti {
    const NAME: &'static str = "Tokio multi-thread";
    type Spawner = tokio::runtime::Handle;

    fn maker() -> impl FnMut() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(TOKIO_WORKERS)
            .enable_all()
            .build()
            .expect("a Tokio runtime");
        let runtime = Arc::new(runtime);
        move || TokioMulti(Arc::clone(&runtime))
    }

    fn block_on<T, M, F>(self, main: M) -> T
    where
        M: FnOnce(&Self::Spawner) -> F + Send + 'static,
        F: Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        tokio_block_on(&self.0, main)
    }
}

// ------------------------------------------------------------- Countdown

/// A count that many tasks take down and one task awaits: ready once it
/// reaches zero. The same for every runner, so it costs them alike.
pub struct Countdown {
    left: AtomicUsize,
    waiter: AtomicWaker,
}

impl Countdown {
    pub fn new(n: usize) -> Arc<Countdown> {
        Arc::new(Countdown { left: AtomicUsize::new(n), waiter: AtomicWaker::new() })
    }

    /// One less; the last one wakes the waiter.
    pub fn done(&self) {
        if self.left.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.waiter.wake();
        }
    }

    /// Waits until the count is zero.
    pub async fn zero(&self) {
        std::future::poll_fn(|cx| {
            self.waiter.register(cx.waker());
            match self.left.load(Ordering::Acquire) {
                0 => Poll::Ready(()),
                _ => Poll::Pending,
            }
        })
        .await;
    }
}

/// Returns `Pending` once, after waking its own task: the task goes to the
/// back of its runner's queue. The same future on every runner (Tokio's
/// `yield_now` defers its wake inside Tokio, which the others cannot).
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
}
