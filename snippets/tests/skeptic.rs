//! Every Rust block of the book, as rendered (hidden lines included), is
//! compiled and run here. build.rs expands the chapters' includes with
//! mdBook's own preprocessor and generates one test per block, named after
//! the chapter file, its section and the block's line in the expanded chapter.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long one generated test may take, from the moment it queues for one of
/// skeptic's workers until its snippet has run. A cold run compiles 150
/// snippets on a busy machine, so this is generous: it only turns a snippet
/// that never ends into a failure that names it.
const SNIPPET_LIMIT: Duration = Duration::from_secs(15 * 60);

/// Runs one snippet (build.rs routes every generated test through here):
/// fails if it takes longer than [`SNIPPET_LIMIT`], and runs it again if the
/// only failure was "Text file busy" (see build.rs for why).
fn run_snippet(run: impl Fn() + Send + 'static) {
    run_within(SNIPPET_LIMIT, move || retry_if_text_file_busy(run));
}

/// Runs `work` on a thread of its own and waits at most `limit` for it; a
/// panic inside it is the test's panic, so `should_panic` still works.
fn run_within(limit: Duration, work: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel::<Result<(), Box<dyn Any + Send>>>();
    thread::spawn(move || {
        let _ = done.send(catch_unwind(AssertUnwindSafe(work)));
    });
    match finished.recv_timeout(limit) {
        Ok(Ok(())) => {}
        Ok(Err(panic)) => resume_unwind(panic),
        Err(_) => panic!("the snippet did not finish within {limit:?}: it hangs"),
    }
}

/// Runs `run`, and again (up to five times in all, a little later each time)
/// while its only failure is "Text file busy". The pause is not part of any
/// verdict: it gives the other worker's `fork` time to reach its `exec`.
fn retry_if_text_file_busy(run: impl Fn()) {
    const ATTEMPTS: u32 = 5;
    for attempt in 1..=ATTEMPTS {
        let Err(failure) = catch_unwind(AssertUnwindSafe(&run)) else { return };
        let message = failure
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| failure.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if attempt == ATTEMPTS || !message.contains("Text file busy") {
            resume_unwind(failure);
        }
        eprintln!(
            "snippet hit \"Text file busy\" (attempt {attempt}); running it again"
        );
        thread::sleep(Duration::from_millis(20 * u64::from(attempt)));
    }
}

#[test]
fn a_snippet_that_hit_text_file_busy_runs_again() {
    let runs = std::cell::Cell::new(0);
    retry_if_text_file_busy(|| {
        runs.set(runs.get() + 1);
        if runs.get() == 1 {
            panic!("Could not run \"out.exe\": Text file busy (os error 26)");
        }
    });
    assert_eq!(runs.get(), 2);
}

#[test]
#[should_panic(expected = "assertion failed in the snippet")]
fn a_snippet_that_fails_otherwise_fails_the_test_at_once() {
    let runs = std::cell::Cell::new(0);
    retry_if_text_file_busy(|| {
        runs.set(runs.get() + 1);
        assert_eq!(runs.get(), 1, "ran twice");
        panic!("assertion failed in the snippet");
    });
}

#[test]
#[should_panic(expected = "did not finish within 50ms: it hangs")]
fn a_snippet_that_never_ends_fails_the_test_with_a_message() {
    let (_keep_open, never) = mpsc::channel::<()>();
    run_within(Duration::from_millis(50), move || {
        let _ = never.recv();
    });
}

#[test]
#[should_panic(expected = "failed inside the limit")]
fn a_snippet_that_fails_within_the_limit_fails_the_test() {
    run_within(Duration::from_secs(60), || panic!("failed inside the limit"));
}

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
