//! The exercises (`harness::exercises`): each starter is what its solution
//! cuts to, compiles, and fails every one of its tests, so no exercise's
//! tests pass on an empty answer; every chapter has an exercise, and every
//! exercise has its solution in the appendix. The tests passing on the
//! solutions is the ordinary `cargo test` of `listings/tests/exercise_*.rs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::exercises::{self, Exercise};
use harness::outputs::{BLESS_VAR, TestBuild};
use harness::{book_root, report, summary};

/// How long one exercise's tests may run on its starter before the check
/// calls it a hang. A `todo!()` panics at once; this is only a backstop.
const LIMIT: Duration = Duration::from_secs(60);

/// Chapters that are not part of the course: no exercise is asked of them.
const NOT_CHAPTERS: &[&str] = &["introduction.md", "appendix/"];

#[test]
fn every_starter_is_what_its_solution_cuts_to() {
    let bless = std::env::var_os(BLESS_VAR).is_some();
    let problems = exercises::stale_starters(&book_root(), bless);
    assert!(problems.is_empty(), "{}", report(&problems));
}

#[test]
fn every_exercise_has_its_tests() {
    let problems = exercises::tests_without_exercises(&book_root());
    assert!(problems.is_empty(), "{}", report(&problems));
}

#[test]
fn every_exercise_fails_all_its_tests_on_its_starter() {
    let root = book_root();
    let all = exercises::all(&root);
    assert!(!all.is_empty(), "no exercise found under listings/src/");
    let binaries = build_on_starters(&all);
    let mut failures = Vec::new();
    for exercise in &all {
        let binary = &binaries[&exercise.test];
        match run_with_limit(binary, &root.join("listings")) {
            Err(message) => failures.push(format!("{}: {message}", exercise.test)),
            Ok((passed, failed)) if passed > 0 || failed == 0 => failures.push(format!(
                "{} ({}): {passed} test(s) pass on the starter {} and {failed} fail; \
                 every test should fail until the exercise is solved",
                exercise.test, exercise.solution, exercise.starter
            )),
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_chapter_has_an_exercise_and_every_exercise_its_solution() {
    let root = book_root();
    let all = exercises::all(&root);
    let (chapters, _) = summary::read(&root);
    let appendix = fs::read_to_string(root.join("src/appendix/solutions.md")).unwrap();
    let mut problems = Vec::new();
    let mut asked = Vec::new();
    for chapter in &chapters {
        if NOT_CHAPTERS.iter().any(|skip| chapter.path.starts_with(skip)) {
            continue;
        }
        let file = format!("src/{}", chapter.path);
        let text = fs::read_to_string(root.join(&file)).unwrap_or_default();
        if !all.iter().any(|e| text.contains(&e.command())) {
            problems.push(format!(
                "{file}:1: no exercise: name one with its run command \
                 (`cargo test -p listings --features starter --test exercise_NAME`)"
            ));
        }
        asked.extend(all.iter().filter(|e| text.contains(&e.command())));
    }
    for exercise in &all {
        if !asked.contains(&exercise) {
            problems.push(format!(
                "{}:1: no chapter asks for this exercise with `{}`",
                exercise.solution,
                exercise.command()
            ));
        }
        if !appendix.contains(&format!("{}:solution}}}}", exercise.solution)) {
            problems.push(format!(
                "src/appendix/solutions.md:1: does not show the solution of {} \
                 (`{{{{#rustdoc_include ../../{}:solution}}}}`)",
                exercise.solution, exercise.solution
            ));
        }
    }
    let mut last = 0;
    for (index, line) in appendix.lines().enumerate() {
        let number = line.strip_prefix("## Chapter ").and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_digit()).next()?.parse::<u32>().ok()
        });
        if let Some(number) = number {
            if number <= last {
                problems.push(format!(
                    "src/appendix/solutions.md:{}: chapter {number} comes after chapter {last}; \
                     keep the sections in chapter order",
                    index + 1
                ));
            }
            last = number;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Builds the exercise tests against the starters (`--features starter`),
/// with the running test's cargo, profile and target folder, and returns
/// each test binary by its target name.
fn build_on_starters(all: &[Exercise]) -> BTreeMap<String, PathBuf> {
    let build = TestBuild::of_running_test().unwrap_or_else(|e| panic!("{e}"));
    let mut command = build.cargo_subcommand(&book_root(), "test");
    command.args(["--package", "listings", "--features", "starter", "--no-run"]);
    command.arg("--message-format=json");
    for exercise in all {
        command.args(["--test", &exercise.test]);
    }
    let output = command.output().expect("cannot run cargo");
    assert!(
        output.status.success(),
        "the starters do not compile (each must, with `todo!()` bodies):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut binaries = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let (Some(name), Some(executable)) =
            (message["target"]["name"].as_str(), message["executable"].as_str())
        {
            binaries.insert(name.to_string(), PathBuf::from(executable));
        }
    }
    for exercise in all {
        assert!(
            binaries.contains_key(&exercise.test),
            "cargo built no {}",
            exercise.test
        );
    }
    binaries
}

/// Runs a test binary, killing it after LIMIT; returns (passed, failed)
/// from libtest's summary line.
fn run_with_limit(binary: &PathBuf, dir: &PathBuf) -> Result<(u32, u32), String> {
    let mut child = Command::new(binary)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let start = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            return Err(format!(
                "its tests still run on the starter after {LIMIT:?}: a hang"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = stdout
        .lines()
        .find(|line| line.starts_with("test result:"))
        .ok_or_else(|| format!("no `test result:` line in its output:\n{stdout}"))?;
    let count = |word: &str| -> u32 {
        summary
            .split(';')
            .find_map(|part| part.trim().strip_suffix(word))
            .and_then(|n| n.trim().rsplit(' ').next()?.parse().ok())
            .unwrap_or(0)
    };
    Ok((count("passed"), count("failed")))
}
