//! Chapter 20: a global allocator that counts the allocations one thread
//! makes. The `unsafe` here is checked under Miri (`ci/miri.sh`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

// ANCHOR: allocator
/// Delegates to the system allocator and counts, on the calling thread,
/// every allocation made while counting is switched on.
pub struct CountingAllocator;

thread_local! {
    // With native thread-locals (as on Linux, where this book is tested),
    // a `const` thread-local of a type without drop glue needs no lazy
    // set-up, so touching it inside the allocator does not allocate. Where
    // std emulates thread-locals with the OS's keys, the first touch on each
    // thread allocates, and this allocator would call itself.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|count| count.set(count.get() + 1));
        }
    });
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; counting touches only thread-locals, which do not allocate
// where they are native (see above).
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded as is; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: `ptr` came from `System` through this allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through this allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Runs `work` and returns its result with the number of allocations (and
/// reallocations) it made on this thread. Counts only where
/// `CountingAllocator` is the `#[global_allocator]`.
pub fn allocations_during<T>(work: impl FnOnce() -> T) -> (T, usize) {
    COUNT.with(|count| count.set(0));
    COUNTING.with(|on| on.set(true));
    let result = work();
    COUNTING.with(|on| on.set(false));
    (result, COUNT.with(Cell::get))
}
// ANCHOR_END: allocator
