//! The guards: everything about the book's sources that mdBook and skeptic
//! let through silently. [`check`] returns every problem it finds, each with
//! the file and line to fix.
//!
//! The conventions they enforce:
//! - a Rust block is tagged `rust` (plus `compile_fail` or `should_panic`),
//!   never `ignore` or `no_run`; a `compile_fail` block includes a file of
//!   `listings/compile-fail/`, whose error `harness::compile_fail` checks;
//! - a `console` block is exactly one include of a `listings/output/` file,
//!   and a compiler message (`.stderr`) is shown in a `text` block;
//! - a block that includes a listing is followed by its caption,
//!   `<span class="caption">Listing C-N: what it shows. File: `path`. Run: `command`.</span>`,
//!   numbered by chapter and in order; prose may only cite listings that exist;
//! - a solution (in an unnumbered chapter, such as the appendix) is captioned
//!   `<span class="caption">Solution to Listing C-N: ... File: ... Run: ...</span>`
//!   (`Solution to Listing C-N, part K:` when one exercise has several),
//!   naming a listing that exists, with its file and command checked as above;
//! - every listing, output and compiler message is shown by some chapter, and
//!   every chapter is in SUMMARY.md.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::markdown::{self, CodeBlock, Directive};
use crate::outputs::{self, OutputFile};
use crate::summary::{self, Chapter};
use crate::{Problem, relative};

/// Where listing sources live, relative to the book root. `loom-checks/src`
/// holds chapter 30's loom models, which compile a listing against loom.
const LISTING_DIRS: [&str; 4] =
    ["listings/examples", "listings/src", "listings/compile-fail", "loom-checks/src"];
const OUTPUT_DIR: &str = "listings/output";
const COMPILE_FAIL_DIR: &str = "listings/compile-fail";
const CAPTION_START: &str = "<span class=\"caption\">Listing ";
const SOLUTION_START: &str = "<span class=\"caption\">Solution to Listing ";
/// An example whose source says this serves until it is stopped, so no
/// output file can record what it prints, and `snippets/build.rs` (which
/// spells the same sentence) compiles its block without running it. It must
/// still be shown in a chapter, beside a scripted run of the same code whose
/// output is checked; `harness/tests/serving.rs` runs the one there is,
/// `kv_server`, as a process and stops it with SIGINT.
pub const SERVES_UNTIL_STOPPED: &str =
    "This program serves until it is stopped; no output file records it.";

fn is_caption(line: &str) -> bool {
    line.starts_with(CAPTION_START) || line.starts_with(SOLUTION_START)
}

/// Runs every guard over the book at `root`.
pub fn check(root: &Path) -> Vec<Problem> {
    let (chapters, mut problems) = summary::read(root);
    problems.extend(chapters_missing_from_summary(root, &chapters));

    let mut shown = BTreeSet::new();
    let mut captions = Vec::new();
    let mut numbering = BTreeMap::new();
    let mut chapter_texts = Vec::new();
    for chapter in &chapters {
        let file = format!("src/{}", chapter.path);
        let Ok(text) = fs::read_to_string(root.join(&file)) else {
            continue;
        };
        let found =
            check_chapter(root, chapter, &file, &text, &mut numbering, &mut shown);
        problems.extend(found.problems);
        captions.extend(found.captions);
        chapter_texts.push((file, text));
    }
    problems.extend(dangling_references(&chapter_texts, &captions));
    problems.extend(unshown_files(root, &shown));
    problems.extend(outputs_and_examples(root));
    problems
}

/// What one chapter contributes.
struct ChapterFindings {
    problems: Vec<Problem>,
    captions: Vec<String>,
}

fn check_chapter(
    root: &Path,
    chapter: &Chapter,
    file: &str,
    text: &str,
    numbering: &mut BTreeMap<u32, u32>,
    shown: &mut BTreeSet<String>,
) -> ChapterFindings {
    let mut problems = Vec::new();
    let chapter_dir = Path::new(file).parent().unwrap().to_path_buf();
    let at = |line: usize, message: String| Problem::new(file, line, message);

    // Directives: the file must exist, the anchor must exist and hold something.
    let mut resolved = BTreeMap::new();
    for directive in markdown::directives(text) {
        let (target, problem) = resolve(root, &chapter_dir, &directive);
        if let Some(target) = target {
            shown.insert(target.clone());
            resolved.insert(directive.line, target);
        }
        problems.extend(problem.map(|message| at(directive.line, message)));
    }

    let lines: Vec<&str> = text.lines().collect();
    let mut captions = Vec::new();
    let mut expected_caption_lines = BTreeSet::new();
    for block in markdown::code_blocks(text) {
        let included = included_file(&block, &resolved);
        problems.extend(
            block_problems(&block, included.as_deref())
                .into_iter()
                .map(|m| at(block.line, m)),
        );
        let Some(listing) = included.filter(|path| is_listing_source(path)) else {
            continue;
        };
        let caption_line =
            (block.end_line..lines.len()).find(|&i| !lines[i].trim().is_empty());
        let Some(caption_line) = caption_line.filter(|&i| is_caption(lines[i])) else {
            problems.push(at(
                block.line,
                format!("listing {listing} has no caption: follow the block with {CAPTION_START}C-N: ...</span>"),
            ));
            continue;
        };
        expected_caption_lines.insert(caption_line);
        let caption = lines[caption_line];
        let (number, problem) = if caption.starts_with(SOLUTION_START) {
            (None, solution_caption_problem(root, caption, &listing))
        } else {
            caption_problems(root, chapter, caption, &listing, numbering)
        };
        captions.extend(number);
        problems.extend(problem.map(|message| at(caption_line + 1, message)));
    }
    for (index, line) in lines.iter().enumerate() {
        if is_caption(line) && !expected_caption_lines.contains(&index) {
            problems.push(at(
                index + 1,
                "caption without a listing block just above it".into(),
            ));
        }
    }
    ChapterFindings { problems, captions }
}

/// Resolves an include directive to the file it names (root-relative), when
/// that file exists, and says what is wrong with the directive, if anything.
fn resolve(
    root: &Path,
    chapter_dir: &Path,
    directive: &Directive,
) -> (Option<String>, Option<String>) {
    if directive.kind != "include" && directive.kind != "rustdoc_include" {
        return (
            None,
            Some(format!(
                "{}: only include and rustdoc_include are checked by the harness",
                directive.text
            )),
        );
    }
    let target =
        relative(Path::new(""), &normalize(&chapter_dir.join(&directive.path)));
    let Ok(source) = fs::read_to_string(root.join(&target)) else {
        return (
            None,
            Some(format!("{}: file {target} does not exist", directive.text)),
        );
    };
    let problem = directive.selector.as_ref().and_then(|selector| {
        if selector.starts_with(|c: char| c.is_ascii_digit() || c == ':') {
            return Some(format!(
                "{}: line numbers drift when the file changes; mark the region with ANCHOR comments",
                directive.text
            ));
        }
        match markdown::anchor_region(&source, selector) {
            None => Some(format!("{}: anchor `{selector}` not found in {target}", directive.text)),
            Some(region) if region.iter().all(|l| l.trim().is_empty()) => {
                Some(format!("{}: anchor `{selector}` in {target} is empty", directive.text))
            }
            Some(_) => None,
        }
    });
    (Some(target), problem)
}

/// Folds `a/b/../c` into `a/c` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The file a block shows, when its body is one include directive.
fn included_file(
    block: &CodeBlock,
    resolved: &BTreeMap<usize, String>,
) -> Option<String> {
    let body: Vec<(usize, &String)> = block
        .body
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let (offset, first) = body.first()?;
    if !first.trim_start().starts_with("{{#") {
        return None;
    }
    resolved.get(&(block.line + 1 + offset)).cloned()
}

fn is_listing_source(path: &str) -> bool {
    path.ends_with(".rs")
        && LISTING_DIRS.iter().any(|dir| path.starts_with(&format!("{dir}/")))
}

/// What is wrong with one fenced block, given the file it includes.
fn block_problems(block: &CodeBlock, included: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let tokens = block.tokens();
    let shows_output =
        included.is_some_and(|f| f.starts_with(&format!("{OUTPUT_DIR}/")));
    let shows_stderr = included.is_some_and(|f| f.ends_with(".stderr"));
    let lone_include = block.body.iter().filter(|l| !l.trim().is_empty()).count() == 1
        && included.is_some();

    if block.info.is_empty() {
        problems.push(
            "code block has no language: tag it rust, console, text, sh or toml".into(),
        );
    }
    if tokens
        .first()
        .is_some_and(|t| *t == "rs" || (t.starts_with("rust") && *t != "rust"))
    {
        problems.push(format!(
            "tag Rust blocks `rust`, not `{}`: skeptic tests only `rust`",
            tokens[0]
        ));
    }
    if block.is_rust() {
        for token in &tokens {
            match *token {
                "rust" | "should_panic" => {}
                "compile_fail" => {
                    let checked_fail = included.is_some_and(|f| f.starts_with(&format!("{COMPILE_FAIL_DIR}/")));
                    if !(lone_include && checked_fail) {
                        problems.push(format!(
                            "a compile_fail block must include one file of {COMPILE_FAIL_DIR}/, where tests/compile_fail.rs checks its error"
                        ));
                    }
                }
                "ignore" | "no_run" => problems.push(format!(
                    "`{token}` takes a Rust block out of the tests; show hangs with a watchdog and failures with compile_fail"
                )),
                other => problems.push(format!("unknown attribute `{other}` on a Rust block")),
            }
        }
    } else if !shows_stderr && looks_like_rust(&block.body) {
        problems.push(format!(
            "this `{}` block looks like Rust: tag it `rust` so it is compiled",
            block.info
        ));
    }
    if tokens.first() == Some(&"console") && !(lone_include && shows_output) {
        problems.push(format!("a console block shows checked output: make it one include of a file in {OUTPUT_DIR}/"));
    }
    if shows_output && tokens.first() != Some(&"console") {
        problems.push("show program output in a `console` block".into());
    }
    if shows_stderr && tokens.first() != Some(&"text") {
        problems.push("show a compiler message in a `text` block".into());
    }
    problems
}

fn looks_like_rust(body: &[String]) -> bool {
    const STARTS: [&str; 9] = [
        "fn ",
        "pub fn ",
        "async fn ",
        "impl ",
        "impl<",
        "struct ",
        "enum ",
        "use std",
        "let ",
    ];
    body.iter().any(|line| {
        let line = line.trim_start();
        STARTS.iter().any(|start| line.starts_with(start))
            && (line.ends_with('{') || line.ends_with(';'))
    })
}

/// Checks one caption. Returns its number (`"1-3"`) when the number is
/// right, and what else is wrong with it, if anything.
fn caption_problems(
    root: &Path,
    chapter: &Chapter,
    caption: &str,
    listing: &str,
    numbering: &mut BTreeMap<u32, u32>,
) -> (Option<String>, Option<String>) {
    let Some(chapter_number) = chapter.number else {
        let message = "numbered listings belong in numbered chapters (a solution here is captioned `Solution to Listing C-N: ...`)";
        return (None, Some(message.into()));
    };
    let next = numbering.entry(chapter_number).or_insert(1);
    let expected = format!("{chapter_number}-{next}");
    let written = caption[CAPTION_START.len()..].split(':').next().unwrap_or("");
    if written != expected {
        let message = format!(
            "caption says Listing {written}, but this is Listing {expected} (chapter {chapter_number}, listing {next})"
        );
        return (None, Some(message));
    }
    *next += 1;
    (Some(expected), file_and_command_problem(root, caption, listing))
}

/// Checks the caption of a solution: it names a listing number (whether
/// that listing exists is checked with the rest of the prose, by
/// `dangling_references`), optionally followed by `, part K` when one
/// exercise has several solution listings, then its file and command as any
/// caption.
fn solution_caption_problem(
    root: &Path,
    caption: &str,
    listing: &str,
) -> Option<String> {
    let written = caption[SOLUTION_START.len()..].split(':').next().unwrap_or("");
    let is_number =
        |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    let (listing_number, part) = match written.split_once(", part ") {
        Some((listing_number, part)) => (listing_number, Some(part)),
        None => (written, None),
    };
    let well_formed = listing_number
        .split_once('-')
        .is_some_and(|(chapter, number)| is_number(chapter) && is_number(number))
        && part.is_none_or(is_number);
    if !well_formed {
        return Some(format!(
            "a solution caption names its listing as `Solution to Listing C-N:` or `Solution to Listing C-N, part K:`, not {written:?}"
        ));
    }
    file_and_command_problem(root, caption, listing)
}

/// What is wrong with a caption's ending, file or command, if anything.
fn file_and_command_problem(
    root: &Path,
    caption: &str,
    listing: &str,
) -> Option<String> {
    if !caption.trim_end().ends_with("</span>") {
        Some("a caption is one line ending in </span>".into())
    } else if !caption.contains(&format!("File: `{listing}`")) {
        Some(format!("caption must name its file: File: `{listing}`"))
    } else {
        match expected_command(listing) {
            Some(command) if !caption.contains(&format!("Run: `{command}`")) => {
                Some(format!("caption must say how to run it: Run: `{command}`"))
            }
            None if !caption.contains("Run: `cargo ") => {
                Some("caption must say how to run it: Run: `cargo ...`".into())
            }
            _ => missing_target(root, caption),
        }
    }
}

/// The example or test target a caption's `Run:` command names, if it does not exist.
fn missing_target(root: &Path, caption: &str) -> Option<String> {
    let command = caption.split("Run: `").nth(1)?.split('`').next()?;
    let words: Vec<&str> = command.split_whitespace().collect();
    let name = |flag: &str| {
        words.iter().position(|w| *w == flag).and_then(|i| words.get(i + 1))
    };
    let (kind, candidates) = if let Some(example) = name("--example") {
        ("example", vec![format!("listings/examples/{example}.rs")])
    } else if let Some(test) = name("--test") {
        (
            "test",
            vec![
                format!("listings/tests/{test}.rs"),
                format!("harness/tests/{test}.rs"),
            ],
        )
    } else {
        return None;
    };
    if candidates.iter().any(|file| root.join(file).is_file()) {
        return None;
    }
    Some(format!(
        "`{command}` names a {kind} that does not exist: none of {}",
        candidates.join(", ")
    ))
}

/// The command a caption must give for a listing file, when there is only one.
fn expected_command(listing: &str) -> Option<String> {
    let stem = Path::new(listing).file_stem()?.to_string_lossy().into_owned();
    if listing.starts_with("listings/examples/") {
        Some(format!("cargo run --example {stem}"))
    } else if listing.starts_with(COMPILE_FAIL_DIR) {
        Some("cargo test --test compile_fail".into())
    } else {
        None
    }
}

/// Prose that cites a listing number no caption has.
fn dangling_references(
    chapters: &[(String, String)],
    captions: &[String],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (file, text) in chapters {
        for (index, line) in text.lines().enumerate() {
            if line.starts_with(CAPTION_START) {
                continue;
            }
            for (at, _) in line.match_indices("Listing ") {
                let number: String = line[at + 8..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                let number = number.trim_end_matches('-');
                if number.contains('-') && !captions.iter().any(|c| c == number) {
                    problems.push(Problem::new(
                        file,
                        index + 1,
                        format!("Listing {number} does not exist"),
                    ));
                }
            }
        }
    }
    problems
}

fn chapters_missing_from_summary(root: &Path, chapters: &[Chapter]) -> Vec<Problem> {
    let listed: BTreeSet<String> =
        chapters.iter().map(|c| format!("src/{}", c.path)).collect();
    files_under(root, "src", "md")
        .into_iter()
        .filter(|file| file != "src/SUMMARY.md" && !listed.contains(file))
        .map(|file| {
            Problem::new(
                file,
                1,
                "chapter is not listed in src/SUMMARY.md, so no reader sees it",
            )
        })
        .collect()
}

/// Listings, outputs and compiler messages that no chapter includes. The
/// crate root and the `mod.rs` files only declare modules, so they are exempt.
fn unshown_files(root: &Path, shown: &BTreeSet<String>) -> Vec<Problem> {
    let mut candidates = Vec::new();
    for dir in LISTING_DIRS {
        candidates.extend(
            files_under(root, dir, "rs")
                .into_iter()
                .filter(|f| f != "listings/src/lib.rs" && !f.ends_with("/mod.rs")),
        );
    }
    candidates.extend(files_under(root, COMPILE_FAIL_DIR, "stderr"));
    candidates.extend(files_under(root, OUTPUT_DIR, "txt"));
    candidates
        .into_iter()
        .filter(|file| !shown.contains(file))
        .map(|file| {
            Problem::new(
                file,
                1,
                "no chapter shows this file: include it in a chapter or delete it",
            )
        })
        .collect()
}

/// Every example prints, so every example has an output file, and every
/// output file runs an example that exists; every compile-fail listing has
/// its expected compiler message.
fn outputs_and_examples(root: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let examples = files_under(root, "listings/examples", "rs");
    let mut run = BTreeSet::new();
    for file in files_under(root, OUTPUT_DIR, "txt") {
        match OutputFile::read(root, &file) {
            Ok(output) => {
                let source = format!("listings/examples/{}.rs", output.example);
                if !examples.contains(&source) {
                    problems.push(Problem::new(
                        &file,
                        1,
                        format!(
                            "runs example `{}`, but {source} does not exist",
                            output.example
                        ),
                    ));
                }
                run.insert(source);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let serves_until_stopped = |example: &str| {
        fs::read_to_string(root.join(example))
            .is_ok_and(|source| source.contains(SERVES_UNTIL_STOPPED))
    };
    for example in
        examples.iter().filter(|e| !run.contains(*e) && !serves_until_stopped(e))
    {
        problems.push(Problem::new(
            example,
            1,
            format!(
                "no file in {OUTPUT_DIR}/ records what this example prints (create one, then bless it: {})",
                outputs::BLESS_HINT
            ),
        ));
    }
    for listing in files_under(root, COMPILE_FAIL_DIR, "rs") {
        let stderr = listing.replace(".rs", ".stderr");
        if !root.join(&stderr).is_file() {
            problems.push(Problem::new(
                &listing,
                1,
                format!(
                    "{stderr} is missing: run BLESS=1 cargo test --test compile_fail"
                ),
            ));
        }
    }
    problems
}

/// Files with extension `ext` below `dir` (relative to root), sorted, as
/// root-relative names.
pub fn files_under(root: &Path, dir: &str, ext: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![root.join(dir)];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                found.push(relative(root, &path));
            }
        }
    }
    found.sort();
    found
}

/// Directives that survived expansion in chapters written by mdBook's
/// preprocessor to `expanded` (mdBook leaves what it cannot expand in the
/// page and exits 0). Files are named by their source, `src/...`.
pub fn leftover_directives(expanded: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for file in files_under(expanded, "", "md") {
        let Ok(text) = fs::read_to_string(expanded.join(&file)) else {
            continue;
        };
        for directive in markdown::directives(&text) {
            problems.push(Problem::new(
                format!("src/{file}"),
                1,
                format!(
                    "{} was left unexpanded (line {} of the expanded chapter)",
                    directive.text, directive.line
                ),
            ));
        }
    }
    problems
}
