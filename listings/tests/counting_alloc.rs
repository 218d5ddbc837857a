//! Chapter 20: the counting allocator counts what it should, and shows that
//! `Box::pin` allocates where `pin!` does not. Runs under Miri.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use listings::state_machines::counting_alloc::{CountingAllocator, allocations_during};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn arithmetic_allocates_nothing_and_a_box_allocates_once() {
    let (sum, count) = allocations_during(|| std::hint::black_box(40) + 2);
    assert_eq!((sum, count), (42, 0));
    let (boxed, count) = allocations_during(|| Box::new(42));
    assert_eq!((*boxed, count), (42, 1));
}

#[test]
fn box_pin_allocates_and_pin_macro_does_not() {
    let mut cx = Context::from_waker(Waker::noop());
    let ((), on_the_heap) = allocations_during(|| {
        let mut future = Box::pin(async { 7 });
        assert!(future.as_mut().poll(&mut cx).is_ready());
    });
    let ((), in_place) = allocations_during(|| {
        let mut future = pin!(async { 7 });
        assert!(future.as_mut().poll(&mut cx).is_ready());
    });
    assert_eq!((on_the_heap, in_place), (1, 0));
}
