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
