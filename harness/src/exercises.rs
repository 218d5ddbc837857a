//! The exercises: each is one solution file in `listings/src/`, from which
//! the reader's starter in `listings/exercises/` is cut, and one test file
//! `listings/tests/exercise_NAME.rs` that passes on the solution and fails
//! on the starter.
//!
//! A solution file marks what its starter leaves out with anchors, which
//! mdBook drops from every listing it shows, so the book's blocks are not
//! cluttered by them:
//!
//! - `// ANCHOR: todo` ... `// ANCHOR_END: todo`: a body the reader writes;
//!   the starter has `todo!()` in its place, at the marker's indent.
//! - `// ANCHOR: cut` ... `// ANCHOR_END: cut`: items the reader writes
//!   (a type and its impls); the starter leaves them out.
//! - `// ANCHOR: starter` ... `// ANCHOR_END: starter`: lines only the
//!   starter has, written as comments (`// ` is taken off each line), such
//!   as a placeholder for a type that was cut.
//!
//! A region of each kind may appear any number of times. The starter is
//! committed (readers edit it) and `tests/exercises.rs` checks that it is
//! what the solution cuts to (`BLESS=1` rewrites it), that it compiles, and
//! that every test of its exercise fails on it. With `--features starter`
//! the listings crate compiles the starters in place of the solutions.

use std::fs;
use std::path::Path;

use crate::Problem;

/// Where the starters live, mirroring `listings/src/`.
pub const STARTER_DIR: &str = "listings/exercises";
/// Where the solutions live.
pub const SOLUTION_DIR: &str = "listings/src";

/// One exercise, by its files relative to the book root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// `listings/src/.../NAME.rs`
    pub solution: String,
    /// `listings/exercises/.../NAME.rs`
    pub starter: String,
    /// The test target, `exercise_NAME`.
    pub test: String,
}

impl Exercise {
    /// The command a reader runs to check their answer.
    pub fn command(&self) -> String {
        format!("cargo test -p listings --features starter --test {}", self.test)
    }
}

const KINDS: [&str; 3] = ["todo", "cut", "starter"];

/// Every solution file under `listings/src/` that marks a starter region.
pub fn all(root: &Path) -> Vec<Exercise> {
    let mut found = Vec::new();
    for file in crate::check::files_under(root, SOLUTION_DIR, "rs") {
        let Ok(text) = fs::read_to_string(root.join(&file)) else { continue };
        if !text.lines().any(|line| marker(line).is_some_and(|(start, _)| start)) {
            continue;
        }
        let relative = &file[SOLUTION_DIR.len() + 1..];
        let stem = Path::new(relative).file_stem().unwrap().to_string_lossy();
        found.push(Exercise {
            starter: format!("{STARTER_DIR}/{relative}"),
            test: format!("exercise_{stem}"),
            solution: file,
        });
    }
    found
}

/// `Some((is_start, kind))` if `line` is a starter marker.
fn marker(line: &str) -> Option<(bool, &'static str)> {
    let rest = line.trim().strip_prefix("//")?.trim_start();
    let (is_start, name) = if let Some(name) = rest.strip_prefix("ANCHOR_END:") {
        (false, name)
    } else {
        (true, rest.strip_prefix("ANCHOR:")?)
    };
    KINDS.iter().find(|kind| name.trim() == **kind).map(|kind| (is_start, *kind))
}

/// Whether `line` is a comment holding only an mdBook anchor.
fn is_anchor(line: &str) -> bool {
    line.trim().strip_prefix("//").map(str::trim_start).is_some_and(|rest| {
        rest.starts_with("ANCHOR:") || rest.starts_with("ANCHOR_END:")
    })
}

/// The starter that `solution` (the text of `file`) cuts to.
pub fn starter_text(file: &str, solution: &str) -> Result<String, Problem> {
    let mut out = format!(
        "// Your starter for an exercise of the book: write your answer in\n\
         // place of each `todo!()`. The book's solution: {file}.\n"
    );
    let mut open: Option<(&str, usize)> = None;
    for (index, line) in solution.lines().enumerate() {
        let number = index + 1;
        match (marker(line), open) {
            (Some((true, kind)), None) => {
                open = Some((kind, number));
                if kind == "todo" {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    out.push_str(&format!("{indent}todo!()\n"));
                }
            }
            (Some((true, kind)), Some((outer, at))) => {
                return Err(Problem::new(
                    file,
                    number,
                    format!(
                        "`ANCHOR: {kind}` inside the `{outer}` region opened on line {at}"
                    ),
                ));
            }
            (Some((false, kind)), Some((outer, _))) if kind == outer => open = None,
            (Some((false, kind)), _) => {
                return Err(Problem::new(
                    file,
                    number,
                    format!("`ANCHOR_END: {kind}` closes no `{kind}` region"),
                ));
            }
            (None, Some(("starter", _))) => {
                let trimmed = line.trim_start();
                let indent = &line[..line.len() - trimmed.len()];
                let Some(code) = trimmed.strip_prefix("//") else {
                    return Err(Problem::new(
                        file,
                        number,
                        "a `starter` region holds only comment lines (`// code`)",
                    ));
                };
                let code = code.strip_prefix(' ').unwrap_or(code);
                out.push_str(format!("{indent}{code}").trim_end());
                out.push('\n');
            }
            (None, Some(_)) => {}
            // The book's other anchors mean nothing to a reader.
            (None, None) if is_anchor(line) => {}
            (None, None) if line.trim().is_empty() && out.ends_with("\n\n") => {}
            (None, None) => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if let Some((kind, at)) = open {
        return Err(Problem::new(
            file,
            at,
            format!("the `{kind}` region is never closed"),
        ));
    }
    Ok(out)
}

/// Every starter that is missing or is not what its solution cuts to; with
/// `bless`, rewrites them instead.
pub fn stale_starters(root: &Path, bless: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    for exercise in all(root) {
        let solution = match fs::read_to_string(root.join(&exercise.solution)) {
            Ok(text) => text,
            Err(e) => {
                problems.push(Problem::new(&exercise.solution, 1, e.to_string()));
                continue;
            }
        };
        let expected = match starter_text(&exercise.solution, &solution) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let path = root.join(&exercise.starter);
        if fs::read_to_string(&path).ok().as_deref() == Some(expected.as_str()) {
            continue;
        }
        if bless {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, expected).unwrap();
        } else {
            problems.push(Problem::new(
                &exercise.starter,
                1,
                format!(
                    "missing or stale: it is not what {} cuts to; \
                     rerun with BLESS=1 to write it",
                    exercise.solution
                ),
            ));
        }
    }
    problems
}

/// Every exercise has its test file of its own, and every `exercise_*` test
/// file has its exercise.
pub fn tests_without_exercises(root: &Path) -> Vec<Problem> {
    let exercises = all(root);
    let mut problems = Vec::new();
    for (index, exercise) in exercises.iter().enumerate() {
        if let Some(first) = exercises[..index].iter().find(|e| e.test == exercise.test)
        {
            problems.push(Problem::new(
                &exercise.solution,
                1,
                format!(
                    "{} has this file's stem too: both would be tested by {}; rename one",
                    first.solution, exercise.test
                ),
            ));
        }
        let test = format!("listings/tests/{}.rs", exercise.test);
        if !root.join(&test).is_file() {
            problems.push(Problem::new(
                &exercise.solution,
                1,
                format!("this exercise has no tests: write {test}"),
            ));
        }
    }
    for file in crate::check::files_under(root, "listings/tests", "rs") {
        let stem = Path::new(&file).file_stem().unwrap().to_string_lossy().to_string();
        if stem.starts_with("exercise_") && !exercises.iter().any(|e| e.test == stem) {
            problems.push(Problem::new(
                &file,
                1,
                "no solution in listings/src/ marks a starter for this exercise test",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_starter_keeps_the_signature_and_puts_todo_in_the_body() {
        let solution = "//! doc\nfn f() -> u32 {\n    // ANCHOR: todo\n    1 + 1\n    // ANCHOR_END: todo\n}\n// ANCHOR: cut\nstruct Gone;\n// ANCHOR_END: cut\n// ANCHOR: starter\n// struct Placeholder;\n//\n// ANCHOR_END: starter\n";
        let starter = starter_text("s.rs", solution).unwrap();
        let body: Vec<&str> = starter.lines().skip(2).collect();
        // (The blank line after `}` is kept; the cut's own is not doubled.)
        assert_eq!(
            body,
            [
                "//! doc",
                "fn f() -> u32 {",
                "    todo!()",
                "}",
                "struct Placeholder;",
                ""
            ]
        );
    }

    #[test]
    fn unbalanced_regions_name_their_line() {
        let open = starter_text("s.rs", "fn f() {\n// ANCHOR: todo\n}\n").unwrap_err();
        assert_eq!((open.line, open.message.contains("never closed")), (2, true));
        let nested =
            starter_text("s.rs", "// ANCHOR: cut\n// ANCHOR: todo\n").unwrap_err();
        assert_eq!(nested.line, 2);
        let stray = starter_text("s.rs", "// ANCHOR_END: cut\n").unwrap_err();
        assert_eq!(stray.line, 1);
        let code = starter_text("s.rs", "// ANCHOR: starter\nstruct X;\n").unwrap_err();
        assert!(code.message.contains("comment lines"));
    }

    #[test]
    fn other_anchors_are_not_markers() {
        assert_eq!(marker("    // ANCHOR: solution"), None);
        assert_eq!(marker("// ANCHOR_END: todo"), Some((false, "todo")));
        assert_eq!(marker("let x = 1; // ANCHOR: todo"), None);
    }
}
