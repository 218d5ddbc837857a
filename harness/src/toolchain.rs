//! Which compiler the suite runs on, against the one the book was blessed with.
//!
//! `rust-toolchain.toml` pins the toolchain whose compiler messages and
//! compiler-chosen numbers (future sizes) the committed files hold. On any
//! other toolchain the checks that depend on them compare only what holds
//! across versions, and say so in one line.

use std::path::Path;
use std::process::Command;

/// The `channel` of `rust-toolchain.toml`, for example `1.95.0`.
pub fn pinned_channel(root: &Path) -> String {
    let path = root.join("rust-toolchain.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("channel"))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|value| value.trim().trim_matches('"').to_string())
        .next()
        .unwrap_or_else(|| panic!("{}: no `channel = \"...\"` line", path.display()))
}

/// `rustc --version` of the compiler cargo uses (`$RUSTC`, else `rustc`).
pub fn rustc_version() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(&rustc)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{rustc} --version`: {e}"));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Whether `version` (as `rustc --version` prints it) is the pinned channel.
pub fn is_channel(version: &str, channel: &str) -> bool {
    version.strip_prefix("rustc ").and_then(|rest| rest.split_whitespace().next())
        == Some(channel)
}

/// Whether the running compiler is the one the book was blessed with.
pub fn on_pinned_toolchain(root: &Path) -> bool {
    is_channel(&rustc_version(), &pinned_channel(root))
}

/// Says in one line, past libtest's capture of test output, that a check
/// compares less than usual on this toolchain.
pub fn announce(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_channel_is_the_version_number_only() {
        assert!(is_channel("rustc 1.95.0 (59807616e 2026-04-14)", "1.95.0"));
        assert!(!is_channel("rustc 1.97.0-nightly (e50aa6fba 2026-05-19)", "1.95.0"));
        assert!(!is_channel("rustc 1.95.01 (x)", "1.95.0"));
    }

    #[test]
    fn the_book_pins_a_numbered_toolchain() {
        let channel = pinned_channel(&crate::book_root());
        assert!(
            channel.split('.').count() == 3
                && channel.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "rust-toolchain.toml should pin a release such as 1.95.0, not `{channel}`"
        );
    }
}
