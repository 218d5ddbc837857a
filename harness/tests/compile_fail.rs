//! Listings that must not compile, each with the compiler message the book
//! shows (`listings/compile-fail/NAME.stderr`). The messages come from the
//! pinned compiler; `BLESS=1 cargo test` (or `TRYBUILD=overwrite`) rewrites them.

use std::process::Command;

/// The compiler whose messages the `.stderr` files hold.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn compile_fail_listings_fail_with_the_message_the_book_shows() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("cannot run rustc --version");
    let version = String::from_utf8_lossy(&version.stdout);
    assert!(
        version.starts_with(PINNED_RUSTC),
        "the compiler messages in listings/compile-fail/ were blessed with {PINNED_RUSTC}x, but this is {version}; \
         use that toolchain, or re-bless with BLESS=1 and review the changed messages"
    );
    if std::env::var_os(harness::outputs::BLESS_VAR).is_some() {
        // SAFETY: set before trybuild starts its threads; no other thread reads the environment here.
        unsafe { std::env::set_var("TRYBUILD", "overwrite") };
    }
    trybuild::TestCases::new()
        .compile_fail(harness::book_root().join("listings/compile-fail/*.rs"));
}
