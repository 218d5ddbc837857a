//! Expands the book's `{{#include}}` and `{{#rustdoc_include}}` directives with
//! mdBook's own preprocessor and writes each chapter, expanded, under `out`.
//! Shared by the build scripts of `snippets` (whose tests run the expanded
//! code blocks) and `harness` (whose guards read the expanded chapters):
//! `#[path = "../snippets/expand.rs"] mod expand;`.

use std::fs;
use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// Expands every chapter of the book at `root` into `out` (emptied first),
/// passing each through `transform`; returns the written files. Tells cargo
/// to run the calling build script again when the book or a listing changes.
pub fn expand_book(
    root: &Path,
    out: &Path,
    transform: fn(&str) -> String,
) -> Vec<PathBuf> {
    for watched in [
        "book.toml",
        "src",
        "listings/examples",
        "listings/src",
        "listings/compile-fail",
        "listings/output",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }

    let book = MDBook::load(root)
        .unwrap_or_else(|e| panic!("mdBook cannot load {}: {e:#}", root.display()));
    let ctx = PreprocessorContext::new(
        root.to_path_buf(),
        book.config.clone(),
        "html".into(),
    );
    let expanded = LinkPreprocessor::new()
        .run(&ctx, book.book.clone())
        .unwrap_or_else(|e| panic!("expanding the book's includes failed: {e:#}"));

    let _ = fs::remove_dir_all(out);
    let mut chapters = Vec::new();
    for item in expanded.iter() {
        let BookItem::Chapter(chapter) = item else { continue };
        let Some(source) = &chapter.source_path else { continue };
        let path = out.join(source);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, transform(&chapter.content)).unwrap();
        chapters.push(path);
    }
    chapters
}
