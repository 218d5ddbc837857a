//! Committed outputs: `listings/output/*.txt`. Each file starts with the
//! command that produced it and holds what that command prints:
//!
//! ```text
//! $ cargo run --example lazy_welcome
//! created the future; nothing was sent yet
//! ```
//!
//! [`check_all`] builds the examples, runs every command (in parallel, each
//! with a time limit) and compares its standard output with the file, showing
//! a diff on mismatch. With `BLESS=1` it rewrites the files instead.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

use similar::TextDiff;

use crate::Problem;

/// The environment variable that re-blesses outputs and compiler messages.
pub const BLESS_VAR: &str = "BLESS";
/// What to tell a reader who needs to re-bless.
pub const BLESS_HINT: &str = "BLESS=1 cargo test";
/// No listing may run longer than this; one that does is reported as hung.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Outputs that print numbers the compiler chooses (the sizes of futures).
/// On a toolchain other than the pinned one, those numbers may differ, so
/// every number in these files is compared as a placeholder; the relations
/// the chapters draw from them are asserted by tests in `listings/tests`.
pub const COMPILER_CHOSEN_NUMBERS: &[&str] = &[
    "listings/output/async_fn_layout.txt",
    "listings/output/fetch_side_by_side.txt",
    "listings/output/launch_by_hand.txt",
];

/// `text` with every run of digits replaced by `N`.
pub fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

/// One parsed output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Root-relative path of the file.
    pub file: String,
    pub example: String,
    /// Arguments after `--`.
    pub args: Vec<String>,
    /// The command line as written, without `$ `.
    pub command: String,
    /// Everything after the command line.
    pub expected: String,
}

impl OutputFile {
    /// Reads and parses `file` (root-relative).
    pub fn read(root: &Path, file: &str) -> Result<OutputFile, Problem> {
        let text = fs::read_to_string(root.join(file))
            .map_err(|e| Problem::new(file, 1, format!("cannot read: {e}")))?;
        let (first, expected) = text.split_once('\n').unwrap_or((&text, ""));
        let bad = || {
            Problem::new(
                file,
                1,
                format!(
                    "the first line must be the command that produces this output, `$ cargo run --example NAME [-- ARGS]`, not `{first}`"
                ),
            )
        };
        let command = first.strip_prefix("$ ").ok_or_else(bad)?;
        let words: Vec<&str> = command.split_whitespace().collect();
        let (example, args) = match words.as_slice() {
            ["cargo", "run", "--example", example] => (*example, &[][..]),
            ["cargo", "run", "--example", example, "--", args @ ..] => (*example, args),
            _ => return Err(bad()),
        };
        Ok(OutputFile {
            file: file.to_string(),
            example: example.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
            command: command.to_string(),
            expected: expected.to_string(),
        })
    }
}

/// Runs every output file's command and compares (or, with `BLESS=1`, rewrites).
/// Returns one message per mismatch or failure.
pub fn check_all(root: &Path) -> Vec<String> {
    let files = crate::check::files_under(root, "listings/output", "txt");
    let mut parsed = Vec::new();
    let mut failures = Vec::new();
    for file in &files {
        match OutputFile::read(root, file) {
            Ok(output) => parsed.push(output),
            Err(problem) => failures.push(problem.to_string()),
        }
    }
    let examples_dir = match build_examples(root) {
        Ok(dir) => dir,
        Err(message) => return vec![message],
    };
    let bless = env::var_os(BLESS_VAR).is_some();
    let exact = crate::toolchain::on_pinned_toolchain(root);
    if !exact {
        crate::toolchain::announce(&format!(
            "outputs: {} is not the pinned {}; numbers in {} compared as placeholders",
            crate::toolchain::rustc_version(),
            crate::toolchain::pinned_channel(root),
            COMPILER_CHOSEN_NUMBERS.join(", ")
        ));
    }
    let results: Vec<Option<String>> = thread::scope(|scope| {
        let handles: Vec<_> = parsed
            .iter()
            .map(|output| {
                scope.spawn(|| compare(root, &examples_dir, output, bless, exact))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("output check panicked")).collect()
    });
    failures.extend(results.into_iter().flatten());
    failures
}

/// Runs one output's command; `None` when it matches (or was blessed).
fn compare(
    root: &Path,
    examples_dir: &Path,
    output: &OutputFile,
    bless: bool,
    exact: bool,
) -> Option<String> {
    let binary =
        examples_dir.join(format!("{}{}", output.example, env::consts::EXE_SUFFIX));
    let actual = match run_with_limit(&binary, &output.args, TIME_LIMIT) {
        Ok(stdout) => stdout,
        Err(message) => {
            return Some(format!("{}: `{}` {message}", output.file, output.command));
        }
    };
    if actual == output.expected {
        return None;
    }
    if !exact
        && COMPILER_CHOSEN_NUMBERS.contains(&output.file.as_str())
        && without_numbers(&actual) == without_numbers(&output.expected)
    {
        return None;
    }
    if bless {
        let text = format!("$ {}\n{actual}", output.command);
        fs::write(root.join(&output.file), text).expect("cannot write output file");
        eprintln!("blessed {}", output.file);
        return None;
    }
    let diff = TextDiff::from_lines(&output.expected, &actual)
        .unified_diff()
        .header(
            &format!("{} (committed)", output.file),
            &format!("{} (this run)", output.command),
        )
        .to_string();
    Some(format!(
        "{}: the output of `{}` changed; if the new output is right, run `{BLESS_HINT}`\n{diff}",
        output.file, output.command
    ))
}

/// Where the running test binary was built: `<target>/<profile>/deps/<test>`.
/// Anything the test builds itself goes there too, with the same cargo and
/// profile, so it is never stale and never built twice.
pub struct TestBuild {
    /// `<target>/<profile>`, for example `target/debug`.
    pub profile_dir: PathBuf,
    target_dir: PathBuf,
    /// Cargo's name for the profile (`dev` for `target/debug`).
    profile: String,
}

impl TestBuild {
    pub fn of_running_test() -> Result<TestBuild, String> {
        let exe = env::current_exe().map_err(|e| e.to_string())?;
        let unexpected =
            || format!("unexpected test binary location {}", exe.display());
        let profile_dir = exe.parent().and_then(Path::parent).ok_or_else(unexpected)?;
        let target_dir = profile_dir.parent().ok_or_else(unexpected)?;
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => "dev".to_string(),
            Some(other) => other.to_string(),
            None => return Err(unexpected()),
        };
        Ok(TestBuild {
            profile_dir: profile_dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
            profile,
        })
    }

    /// `cargo build --quiet` with this profile and target folder; add what to build.
    pub fn cargo(&self, root: &Path) -> Command {
        self.cargo_subcommand(root, "build")
    }

    /// `cargo SUBCOMMAND --quiet` (`build`, `test`) with this profile and
    /// target folder.
    pub fn cargo_subcommand(&self, root: &Path, subcommand: &str) -> Command {
        let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .current_dir(root)
            .args([subcommand, "--quiet", "--profile", &self.profile, "--target-dir"])
            .arg(&self.target_dir);
        command
    }
}

/// Builds the listings' examples with the same cargo, profile and target
/// folder as the running test, so a changed example is never run stale.
/// Returns the folder holding the example binaries.
pub fn build_examples(root: &Path) -> Result<PathBuf, String> {
    let build = TestBuild::of_running_test()?;
    let status = build
        .cargo(root)
        .args(["--package", "listings", "--examples"])
        .status()
        .map_err(|e| format!("cannot run cargo to build the examples: {e}"))?;
    if !status.success() {
        return Err(
            "building the listings' examples failed (see the compiler output above)"
                .into(),
        );
    }
    Ok(build.profile_dir.join("examples"))
}

/// A unified diff from `expected` (committed) to `actual` (this run).
pub fn diff(expected: &str, actual: &str) -> String {
    TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("committed", "this run")
        .to_string()
}

/// Runs `binary` with `args` and returns its standard output, or why it failed.
pub fn run_with_limit(
    binary: &Path,
    args: &[String],
    limit: Duration,
) -> Result<String, String> {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err_reader = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "did not finish within {} s and was killed",
                limit.as_secs()
            ));
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = out_reader
        .join()
        .unwrap()
        .map_err(|e| format!("printed something that is not UTF-8: {e}"))?;
    let stderr = err_reader.join().unwrap();
    if !status.success() {
        return Err(format!("failed ({status}); its standard error:\n{stderr}"));
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<OutputFile, Problem> {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("out.txt"), text).unwrap();
        OutputFile::read(dir.path(), "out.txt")
    }

    #[test]
    fn the_outputs_with_compiler_chosen_numbers_exist() {
        for file in COMPILER_CHOSEN_NUMBERS {
            assert!(crate::book_root().join(file).is_file(), "{file} does not exist");
        }
    }

    #[test]
    fn numbers_become_placeholders() {
        assert_eq!(without_numbers("72 bytes, 8 and 1.5"), "N bytes, N and N.N");
    }

    #[test]
    fn parses_the_command_line_and_its_arguments() {
        let output =
            parse("$ cargo run --example db_worker -- --runner ours\nline 1\n")
                .unwrap();
        assert_eq!(output.example, "db_worker");
        assert_eq!(output.args, ["--runner", "ours"]);
        assert_eq!(output.expected, "line 1\n");
    }

    #[test]
    fn an_output_file_without_its_command_is_named() {
        let problem = parse("hello\n").unwrap_err();
        assert_eq!(problem.file, "out.txt");
        assert_eq!(problem.line, 1);
        assert!(
            problem.message.contains("the first line must be the command"),
            "{problem}"
        );
    }

    #[test]
    fn a_program_that_never_ends_is_killed_and_reported() {
        let err = run_with_limit(
            Path::new("sleep"),
            &["5".into()],
            Duration::from_millis(200),
        )
        .unwrap_err();
        assert!(err.contains("did not finish within"), "{err}");
    }
}
