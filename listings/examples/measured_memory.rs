//! Part VII, "Measured": what one spawn costs in memory on every runner of
//! the book and on Tokio's two runtimes: allocations (counted by chapter
//! 20's `CountingAllocator`) and the bytes those allocations ask for.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use listings::engine::runtime::Runtime as EngineRuntime;
use listings::engine::task::Notified;
use listings::in_depth::runtime::Runtime as MiniRuntime;
use listings::many_threads::steal::runtime::Runtime as StealRuntime;
use listings::reinventing::run_queue::run_queue;
use listings::state_machines::counting_alloc::{CountingAllocator, allocations_during};

// ANCHOR: allocator
/// Chapter 20's allocator, which counts allocations, plus a count of the
/// bytes they ask for (a `realloc` that grows adds what it adds), on the
/// calling thread.
struct CountingBytes;

thread_local! {
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

fn add_bytes(n: usize) {
    let _ = BYTES.try_with(|bytes| bytes.set(bytes.get() + n));
}

// SAFETY: every method forwards to `CountingAllocator` (which forwards to
// `System`) with the caller's arguments; the count touches only a native
// thread-local, which does not allocate.
unsafe impl GlobalAlloc for CountingBytes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add_bytes(layout.size());
        // SAFETY: forwarded as is.
        unsafe { CountingAllocator.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add_bytes(layout.size());
        // SAFETY: forwarded as is.
        unsafe { CountingAllocator.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add_bytes(new_size.saturating_sub(layout.size()));
        // SAFETY: forwarded as is.
        unsafe { CountingAllocator.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { CountingAllocator.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingBytes = CountingBytes;

/// Runs `spawns` and returns the allocations and bytes it asked for.
fn cost_of(spawns: impl FnOnce()) -> (usize, usize) {
    let before = BYTES.with(Cell::get);
    let ((), allocations) = allocations_during(spawns);
    (allocations, BYTES.with(Cell::get) - before)
}
// ANCHOR_END: allocator

// ANCHOR: measure
/// Tasks spawned on each runner (under Miri, which checks the allocator
/// above, a hundred, on the two runners that need no reactor).
const TASKS: usize = if cfg!(miri) { 100 } else { 10_000 };

const RUNNERS: [&str; 7] = [
    "II run queue",
    "V mini runtime",
    "VI boxed jobs",
    "VI tasks",
    "VII scheduler",
    "Tokio current-thread",
    "Tokio multi-thread",
];

/// The task every runner spawns: it counts itself and ends.
fn task(ran: &Arc<AtomicUsize>) -> impl Future<Output = ()> + Send + 'static {
    let ran = Arc::clone(ran);
    async move {
        ran.fetch_add(1, Ordering::Relaxed);
    }
}

/// Spawns `TASKS` tasks (counted), then runs them all (not counted).
/// Returns the allocations and bytes of the spawns.
fn measure(runner: &str) -> (usize, usize) {
    let ran = Arc::new(AtomicUsize::new(0));
    let cost = match runner {
        "II run queue" => {
            let (queue, launcher) = run_queue();
            let cost = cost_of(|| (0..TASKS).for_each(|_| launcher.launch(task(&ran))));
            queue.run();
            cost
        }
        "V mini runtime" => {
            let mut runtime = MiniRuntime::new();
            let cost = cost_of(|| (0..TASKS).for_each(|_| runtime.spawn(task(&ran))));
            runtime.run();
            cost
        }
        "VI boxed jobs" => {
            let runtime = EngineRuntime::new().unwrap();
            let handle = runtime.handle();
            let cost = cost_of(|| (0..TASKS).for_each(|_| handle.spawn(task(&ran))));
            runtime.run();
            cost
        }
        "VI tasks" => {
            let runtime = EngineRuntime::<Notified>::for_tasks().unwrap();
            let handle = runtime.handle();
            let cost =
                cost_of(|| (0..TASKS).for_each(|_| drop(handle.spawn(task(&ran)))));
            runtime.run();
            cost
        }
        "VII scheduler" => {
            // Both workers are held in a task that blocks until the spawns
            // are counted, so that no worker takes from the inject queue
            // meanwhile and the count is the same on every run.
            let runtime = StealRuntime::new(2);
            let (held, release) =
                (Arc::new(Barrier::new(3)), Arc::new(Barrier::new(3)));
            for _ in 0..2 {
                let (held, release) = (Arc::clone(&held), Arc::clone(&release));
                drop(runtime.spawn(async move {
                    held.wait();
                    release.wait();
                }));
            }
            held.wait();
            let cost =
                cost_of(|| (0..TASKS).for_each(|_| drop(runtime.spawn(task(&ran)))));
            release.wait();
            while ran.load(Ordering::Relaxed) < TASKS {
                std::thread::yield_now();
            }
            cost
        }
        tokio => {
            let mut builder = match tokio {
                "Tokio current-thread" => tokio::runtime::Builder::new_current_thread(),
                _ => tokio::runtime::Builder::new_multi_thread(),
            };
            let runtime = builder.worker_threads(2).enable_all().build().unwrap();
            // Spawned from inside the runtime, as a task would.
            runtime.block_on(async {
                let cost =
                    cost_of(|| (0..TASKS).for_each(|_| drop(tokio::spawn(task(&ran)))));
                while ran.load(Ordering::Relaxed) < TASKS {
                    tokio::task::yield_now().await;
                }
                cost
            })
        }
    };
    assert_eq!(ran.load(Ordering::Relaxed), TASKS, "{runner}: not every task ran");
    cost
}

fn main() {
    let future = size_of_val(&task(&Arc::new(AtomicUsize::new(0))));
    println!("{TASKS} tasks spawned on each runner; each future is {future} bytes");
    println!("{:<22} {:>16} {:>15}", "runner", "allocations/task", "bytes/task");
    let runners = if cfg!(miri) { &RUNNERS[..2] } else { &RUNNERS[..] };
    for runner in runners {
        let (allocations, bytes) = measure(runner);
        let per_task = allocations as f64 / TASKS as f64;
        println!("{runner:<22} {per_task:>16.2} {:>15.1}", bytes as f64 / TASKS as f64);
    }
}
// ANCHOR_END: measure
