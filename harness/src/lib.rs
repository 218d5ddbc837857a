//! The book's proof machinery.
//!
//! `cargo test -p harness` runs these checks (the Rust blocks of the
//! chapters are run by the `snippets` package, `snippets/tests/skeptic.rs`):
//!
//! - `tests/compile_fail.rs` compiles the listings that must not compile
//!   and compares their errors ([`compile_fail`]);
//! - `tests/outputs.rs` runs every listing whose output the book prints and
//!   compares it with the committed file ([`outputs`]);
//! - `tests/exercises.rs` checks that each exercise's starter is cut from
//!   its solution and fails its tests ([`exercises`]);
//! - `tests/book.rs` also checks the glossary ([`glossary`]);
//! - `tests/book.rs` runs the guards of [`check`]: missing files and anchors,
//!   untested blocks, unshown listings, captions, chapters missing from SUMMARY.md.
//!
//! Every problem is reported as `file:line: message`, relative to the book root.

pub mod check;
pub mod compile_fail;
pub mod exercises;
pub mod glossary;
pub mod markdown;
pub mod outputs;
pub mod summary;
pub mod toolchain;

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with the book, with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path relative to the book root, with `/` separators.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        line: usize,
        message: impl Into<String>,
    ) -> Problem {
        Problem { file: file.into(), line, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Turns a list of problems into one readable failure message.
pub fn report(problems: &[Problem]) -> String {
    let mut text = format!("{} problem(s) in the book:\n", problems.len());
    for problem in problems {
        text.push_str(&format!("  {problem}\n"));
    }
    text
}

/// The repository root: the folder holding `book.toml`.
pub fn book_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `path` relative to `root`, with `/` separators, for messages.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
