//! Chapter 29's thousand timers, counted in a test binary of its own, so
//! that no other test starts or ends threads while it counts them.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::within_limit;
use listings::engine::runtime::{Counts, Runtime};
use listings::engine::timer::{sleep_until, threads_in_process};

#[test]
fn a_thousand_timers_start_no_thread_and_cost_two_thousand_polls_and_one_park() {
    let (before, most, early, counts, most_pending) =
        within_limit("a thousand timers", || {
            let before = threads_in_process().unwrap();
            let runtime = Runtime::new().unwrap();
            let handle = runtime.handle();
            let deadline = Instant::now() + Duration::from_millis(500);
            let (most, early) =
                (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            for _ in 0..1000 {
                let (timers, most, early) =
                    (handle.clone(), Arc::clone(&most), Arc::clone(&early));
                handle.spawn(async move {
                    sleep_until(&timers, deadline).await;
                    if Instant::now() < deadline {
                        early.fetch_add(1, Ordering::SeqCst);
                    }
                    most.fetch_max(threads_in_process().unwrap(), Ordering::SeqCst);
                });
            }
            let counts = runtime.run();
            let most_pending = handle.time().most_pending();
            (
                before,
                most.load(Ordering::SeqCst),
                early.load(Ordering::SeqCst),
                counts,
                most_pending,
            )
        });
    assert_eq!(most, before, "the runtime started a thread");
    assert_eq!(early, 0, "a sleep finished before its deadline");
    // The deadline is a limit for the first batch of 1000 polls (a few
    // milliseconds); a machine that stalls it for 500 ms fails here, saying so.
    assert_eq!(
        counts,
        Counts { polls: 2000, parks: 1, events: 0, fired: 1000 },
        "if polls < 2000, the first batch ran past the deadline: machine too loaded"
    );
    assert_eq!(most_pending, 1000, "all thousand deadlines were in one table at once");
}
