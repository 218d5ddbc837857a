//! Listings that must not compile, each with the compiler message the book
//! shows (`listings/compile-fail/NAME.stderr`); see `harness::compile_fail`.
//! `BLESS=1 cargo test` rewrites the messages (on the pinned toolchain only).

use harness::{book_root, compile_fail, outputs};

#[test]
fn compile_fail_listings_fail_with_the_message_the_book_shows() {
    let bless = std::env::var_os(outputs::BLESS_VAR).is_some();
    let failures =
        compile_fail::check_all(&book_root(), bless).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        failures.is_empty(),
        "{} compile-fail listing(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
