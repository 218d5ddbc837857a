//! Every Rust block of the book, as rendered (hidden lines included), is
//! compiled and run here. build.rs expands the chapters' includes with
//! mdBook's own preprocessor and generates one test per block, named after
//! the chapter file, its section and the block's line in the expanded chapter.

/// Held by each generated test (build.rs adds the call): one snippet at a time.
fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
