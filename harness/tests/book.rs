//! The guards of `harness::check`, run over the real book, and over the
//! chapters as mdBook itself expands them.

use std::path::Path;

use harness::{book_root, check, glossary, report};

#[test]
fn the_book_passes_every_guard() {
    let problems = check::check(&book_root());
    assert!(problems.is_empty(), "{}", report(&problems));
}

#[test]
fn mdbook_expands_every_directive() {
    // build.rs wrote each chapter as mdBook's own LinkPreprocessor expanded it.
    let expanded = Path::new(env!("EXPANDED_BOOK_DIR"));
    assert!(
        !check::files_under(expanded, "", "md").is_empty(),
        "no expanded chapters in {}",
        expanded.display()
    );
    let problems = check::leftover_directives(expanded);
    assert!(problems.is_empty(), "{}", report(&problems));
}

#[test]
fn every_glossary_term_is_used_and_links_to_a_chapter() {
    let problems = glossary::check(&book_root());
    assert!(problems.is_empty(), "{}", report(&problems));
}

/// Every chapter of the course ends with a short summary, "## What you
/// built" (or "have"), that links on to what comes next.
#[test]
fn every_chapter_ends_with_a_summary_that_links_forward() {
    let root = book_root();
    let (chapters, _) = harness::summary::read(&root);
    let mut problems = Vec::new();
    for chapter in &chapters {
        if chapter.path == "introduction.md" || chapter.path.starts_with("appendix/") {
            continue;
        }
        let file = format!("src/{}", chapter.path);
        let text = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
        let Some((line, heading)) =
            text.lines().enumerate().filter(|(_, l)| l.starts_with("## ")).last()
        else {
            problems.push(format!("{file}:1: no sections, so no closing summary"));
            continue;
        };
        let last: String = text.lines().skip(line).collect::<Vec<_>>().join("\n");
        if !heading.starts_with("## What you") {
            problems.push(format!(
                "{file}:{}: the chapter ends with `{heading}`; end it with a short \
                 summary, `## What you built`",
                line + 1
            ));
        } else if !last.contains("](") {
            problems.push(format!(
                "{file}:{}: the closing summary links nowhere; say where the book goes next",
                line + 1
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
