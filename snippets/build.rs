//! Expands the book's `{{#include}}` and `{{#rustdoc_include}}` directives with
//! mdBook's own preprocessor, then hands the expanded chapters to skeptic, so
//! every Rust block a reader sees, included or inline, is compiled and run by
//! `cargo test` exactly as it is rendered (hidden `# ` lines included).
//!
//! This package has no library, so that the snippets' dependencies (the
//! `--extern`s skeptic passes, whose files stamp its binary cache) do not
//! change when this script runs again after a chapter is edited: only the
//! snippets whose text changed are compiled again.

use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "expand.rs"]
mod expand;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.parent().unwrap().to_path_buf();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("book");
    let chapters = expand::expand_book(&root, &out, for_skeptic);
    skeptic::generate_doc_tests(&chapters);
    guard_each_snippet(&out.with_file_name("skeptic-tests.rs"));
    predate(&chapters);
}

/// skeptic prints `cargo:rerun-if-changed` for every chapter it is given, and
/// the chapters it is given are the expanded copies this script has just
/// written into OUT_DIR, so each is newer than the script's own record of its
/// run. Cargo would then run the script again on every `cargo test`. The copies are derived from the
/// sources watched above, so dating them back to the epoch loses nothing.
fn predate(chapters: &[PathBuf]) {
    let epoch = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1);
    for chapter in chapters {
        fs::File::options()
            .write(true)
            .open(chapter)
            .and_then(|file| file.set_modified(epoch))
            .unwrap_or_else(|e| panic!("cannot date back {}: {e}", chapter.display()));
    }
}

/// Routes every generated test through `run_snippet` (tests/skeptic.rs),
/// which bounds how long the snippet may take and runs it again when the only
/// failure was "Text file busy": skeptic's binary cache writes executables
/// and runs them from parallel worker threads, and a `fork` on one thread can
/// hold another thread's freshly written executable open for writing, so the
/// `exec` fails with ETXTBSY (seen here on a cold run); Cargo retries that too.
fn guard_each_snippet(generated: &Path) {
    let text = fs::read_to_string(generated).expect("skeptic wrote no tests");
    if text.contains("run_snippet(") {
        return; // already patched: skeptic left the file as it was
    }
    let mut patched = String::with_capacity(text.len() + 4096);
    let mut calls = 0;
    for line in text.split_inclusive('\n') {
        // `compile_test` is a `rust,no_run` block (see `for_skeptic`).
        let call = ["run_test", "compile_test"].into_iter().find_map(|function| {
            let rest = line.strip_prefix(&format!("    skeptic::rt::{function}("))?;
            Some((function, rest.strip_suffix(", s);\n")?))
        });
        match call {
            Some((function, arguments)) => {
                calls += 1;
                patched.push_str("    let s = s.to_owned();\n");
                patched.push_str(&format!(
                    "    run_snippet(move || skeptic::rt::{function}("
                ));
                patched.push_str(arguments);
                patched.push_str(", &s));\n");
            }
            None => patched.push_str(line),
        }
    }
    let tests = text.matches("#[test]").count();
    assert_eq!(
        calls, tests,
        "skeptic's generated tests changed shape ({tests} tests, {calls} calls patched); update build.rs"
    );
    fs::write(generated, patched).unwrap();
}

/// A block tagged `compile_fail` is proven by harness/tests/compile_fail.rs
/// against its real compiler message; skeptic would only see it fail, so it
/// gets the block as plain text. The guards in `harness::check` make sure such
/// a block includes a file that test compiles.
///
/// A Rust block holding [`SERVES_UNTIL_STOPPED`] is a server that runs until
/// Ctrl-C: skeptic gets it as `rust,no_run`, compiled but not run. The
/// guards (`harness::check`, which spells the same sentence) exempt such an
/// example from having an output file.
fn for_skeptic(markdown: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut block_start = None;
    for line in markdown.lines() {
        let fence = line.trim_start();
        if fence.starts_with("```") && fence.contains("compile_fail") {
            lines.push("```text".to_string());
            continue;
        }
        if fence.starts_with("```") {
            block_start = match block_start {
                None if fence == "```rust" => Some(lines.len()),
                _ => None,
            };
        } else if let Some(start) = block_start
            && line.contains(SERVES_UNTIL_STOPPED)
        {
            lines[start] = lines[start].replace("```rust", "```rust,no_run");
        }
        lines.push(line.to_string());
    }
    lines.join("\n") + "\n"
}

/// The sentence by which an example says it serves until it is stopped.
const SERVES_UNTIL_STOPPED: &str =
    "This program serves until it is stopped; no output file records it.";
