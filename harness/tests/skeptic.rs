//! Every Rust block of the book, as rendered (hidden lines included), is
//! compiled and run here. build.rs expands the chapters' includes with
//! mdBook's own preprocessor and generates one test per block, named after
//! the chapter file, its section and the block's line in the expanded chapter.

/// Runs one snippet, and runs it again if the only failure was "Text file
/// busy" (build.rs routes every generated test through here; see there why).
fn retry_if_text_file_busy(run: impl Fn()) {
    use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
    const ATTEMPTS: u32 = 3;
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

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
