//! The listings that must not compile (`listings/compile-fail/NAME.rs`) and
//! the compiler message the book shows for each (`NAME.stderr`).
//!
//! Each file is compiled by `rustc` against the very `listings` library (and
//! its dependencies) that `cargo test` has just built, so no second copy of
//! tokio is built for it. The message is compared as rustc prints it, with
//! paths outside the repository written as `$CARGO/...` and `$RUST/...`.
//! On a toolchain other than the pinned one, wording and layout may differ,
//! so only each error's code and primary message are compared.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::outputs::{BLESS_HINT, TestBuild};

/// Where the listings that must not compile live, relative to the book root.
pub const DIR: &str = "listings/compile-fail";

/// One `--extern` argument: a crate name and a compiled library file.
type Extern = (String, PathBuf);

/// Checks every listing of [`DIR`]; returns one message per failure.
/// With `bless`, rewrites each `.stderr` from the fresh message instead.
pub fn check_all(root: &Path, bless: bool) -> Result<Vec<String>, String> {
    let build = TestBuild::of_running_test()?;
    let externs = build_listings(root, &build)?;
    let exact = crate::toolchain::on_pinned_toolchain(root);
    if !exact {
        crate::toolchain::announce(&format!(
            "compile_fail: {} is not the pinned {}; comparing error codes and primary messages only",
            crate::toolchain::rustc_version(),
            crate::toolchain::pinned_channel(root)
        ));
    }
    let scratch = tempfile_dir(&build)?;
    let mut failures = Vec::new();
    let listings = listings(root)?;
    // One rustc per listing, side by side: each spends most of its time
    // loading the metadata of tokio and futures.
    let messages: Vec<Result<Option<String>, String>> = std::thread::scope(|scope| {
        let runs: Vec<_> = listings
            .iter()
            .map(|listing| {
                scope.spawn(|| compile(root, &build, &externs, listing, &scratch))
            })
            .collect();
        runs.into_iter().map(|run| run.join().expect("rustc runner panicked")).collect()
    });
    for (listing, actual) in listings.iter().zip(messages) {
        let actual = actual?;
        let stderr = listing.with_extension("stderr");
        let shown = crate::relative(root, &stderr);
        let actual = match actual {
            Some(message) => message,
            None => {
                failures.push(format!(
                    "{}: compiles, but the book shows it failing to compile",
                    crate::relative(root, listing)
                ));
                continue;
            }
        };
        if bless && exact {
            fs::write(&stderr, &actual)
                .map_err(|e| format!("cannot write {shown}: {e}"))?;
            continue;
        }
        let expected = fs::read_to_string(&stderr).map_err(|e| {
            format!("{shown}: cannot read it ({e}); run `{BLESS_HINT}`")
        })?;
        let same = if exact {
            expected == actual
        } else {
            headlines(&expected) == headlines(&actual)
        };
        if !same {
            failures.push(format!(
                "{shown}: the compiler's message changed; if the new one is right, run `{BLESS_HINT}`\n{}",
                crate::outputs::diff(&expected, &actual)
            ));
        }
    }
    let _ = fs::remove_dir_all(&scratch);
    Ok(failures)
}

/// The `.rs` files of [`DIR`], sorted.
fn listings(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join(DIR);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {DIR}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    Ok(files)
}

/// The error lines that hold across compiler versions: each error's code and
/// primary message, in order.
pub fn headlines(message: &str) -> Vec<&str> {
    message.lines().filter(|line| line.starts_with("error")).collect()
}

/// Builds the `listings` library with the running test's cargo, profile and
/// target folder (a no-op when it is fresh) and returns the `--extern`s a
/// listing may use: `listings` and its direct dependencies.
fn build_listings(root: &Path, build: &TestBuild) -> Result<Vec<Extern>, String> {
    let wanted = direct_dependencies(root)?;
    let output = build
        .cargo(root)
        .args(["--package", "listings", "--lib", "--message-format=json"])
        .output()
        .map_err(|e| format!("cannot run cargo to build the listings: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the listings failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut externs = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let name = message["target"]["name"].as_str().unwrap_or("").replace('-', "_");
        let is_lib = message["target"]["kind"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "lib" || k == "rlib"));
        if !is_lib || !wanted.contains(&name) {
            continue;
        }
        for file in message["filenames"].as_array().into_iter().flatten() {
            let file = PathBuf::from(file.as_str().unwrap_or(""));
            if file.extension().is_some_and(|ext| ext == "rlib" || ext == "rmeta") {
                externs.push((name.clone(), file));
            }
        }
    }
    let found: BTreeSet<&String> = externs.iter().map(|(name, _)| name).collect();
    let missing: Vec<&String> =
        wanted.iter().filter(|name| !found.contains(name)).collect();
    if !missing.is_empty() {
        return Err(format!("cargo reported no library for {missing:?}"));
    }
    Ok(externs)
}

/// `listings` and the crate names of its `[dependencies]`.
fn direct_dependencies(root: &Path) -> Result<BTreeSet<String>, String> {
    let manifest = root.join("listings/Cargo.toml");
    let text = fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read listings/Cargo.toml: {e}"))?;
    let mut names = BTreeSet::from(["listings".to_string()]);
    let mut in_dependencies = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
        } else if in_dependencies && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['.', '=', ' ']).next().unwrap_or("");
            names.insert(name.replace('-', "_"));
        }
    }
    Ok(names)
}

/// Compiles one listing; `None` if it compiled, else rustc's message.
fn compile(
    root: &Path,
    build: &TestBuild,
    externs: &[Extern],
    listing: &Path,
    scratch: &Path,
) -> Result<Option<String>, String> {
    let stem = listing.file_stem().and_then(|s| s.to_str()).unwrap_or("listing");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let mut command = Command::new(rustc);
    command
        .current_dir(root)
        .arg(crate::relative(root, listing))
        .args(["--edition", &edition(root)?, "--crate-type", "bin", "--color", "never"])
        .arg(format!("--crate-name={}", stem.replace('-', "_")))
        .arg("--emit=metadata")
        .arg("-o")
        .arg(scratch.join(format!("{stem}.rmeta")))
        .arg("-L")
        .arg(format!("dependency={}", build.profile_dir.join("deps").display()));
    for (name, file) in externs {
        command.arg("--extern").arg(format!("{name}={}", file.display()));
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run rustc on {}: {e}", listing.display()))?;
    if output.status.success() {
        return Ok(None);
    }
    Ok(Some(normalize(root, &String::from_utf8_lossy(&output.stderr))))
}

/// The edition the workspace is written in (`edition = "..."`, root Cargo.toml).
fn edition(root: &Path) -> Result<String, String> {
    let text = fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("edition"))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|value| value.trim().trim_matches('"').to_string())
        .next()
        .ok_or_else(|| "Cargo.toml sets no edition".to_string())
}

/// rustc's message as the book shows it: machine-specific paths replaced;
/// the closing summary ("aborting due to", "try `rustc --explain`") and the
/// notes naming the scratch file rustc wrote a long type name to dropped.
pub fn normalize(root: &Path, message: &str) -> String {
    let root = format!("{}/", root.display());
    let mut lines: Vec<String> = message
        .lines()
        .filter(|line| {
            !line.starts_with("error: aborting due to")
                && !line.starts_with("For more information about")
                && !line.starts_with("Some errors have detailed explanations")
                && !line
                    .contains("= note: the full name for the type has been written to")
                && !line.contains(
                    "= note: consider using `--verbose` to print the full type name",
                )
        })
        .map(|line| outside_paths(&line.replace(&root, "")))
        .map(|line| line.trim_end().to_string())
        .collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines.join("\n") + "\n"
}

/// `.../registry/src/<index>/crate-1.0/...` becomes `$CARGO/crate-1.0/...`,
/// `/rustc/<commit>/library/...` becomes `$RUST/library/...`.
fn outside_paths(line: &str) -> String {
    let mut line = line.to_string();
    if let Some(at) = line.find("/registry/src/") {
        let start = line[..at].rfind([' ', '>']).map_or(0, |i| i + 1);
        let index_end = line[at + "/registry/src/".len()..]
            .find('/')
            .map(|i| at + "/registry/src/".len() + i);
        if let Some(end) = index_end {
            line.replace_range(start..end, "$CARGO");
        }
    }
    if let Some(at) = line.find("/rustc/") {
        let commit_end =
            line[at + "/rustc/".len()..].find('/').map(|i| at + "/rustc/".len() + i);
        if let Some(end) = commit_end {
            line.replace_range(at..end, "$RUST");
        }
    }
    line
}

/// A scratch folder for rustc's output, inside the target folder.
fn tempfile_dir(build: &TestBuild) -> Result<PathBuf, String> {
    let dir =
        build.profile_dir.join("compile-fail").join(std::process::id().to_string());
    fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_paths_become_placeholders() {
        let root = Path::new("/home/reader/book");
        let message = "error[E0119]: conflicting\n  --> /home/reader/book/listings/compile-fail/x.rs:3:1\n   ::: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/pin-project-lite-0.2.18/src/lib.rs:9:1\n   ::: /rustc/59807616e/library/core/src/pin.rs:4:2\n\nerror: aborting due to 1 previous error\n\nFor more information about this error, try `rustc --explain E0119`.\n";
        assert_eq!(
            normalize(root, message),
            "error[E0119]: conflicting\n  --> listings/compile-fail/x.rs:3:1\n   ::: $CARGO/pin-project-lite-0.2.18/src/lib.rs:9:1\n   ::: $RUST/library/core/src/pin.rs:4:2\n"
        );
    }

    #[test]
    fn headlines_are_the_error_lines() {
        let message = "error[E0599]: no method named `poll`\n  --> a.rs:1:1\n   |\nhelp: pin it\nerror: second\n";
        assert_eq!(
            headlines(message),
            ["error[E0599]: no method named `poll`", "error: second"]
        );
    }

    #[test]
    fn the_listings_dependencies_are_read_from_its_manifest() {
        let names = direct_dependencies(&crate::book_root()).unwrap();
        for name in ["listings", "tokio", "pin_project_lite"] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
    }
}
