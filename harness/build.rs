//! Expands the book's `{{#include}}` and `{{#rustdoc_include}}` directives with
//! mdBook's own preprocessor, then hands the expanded chapters to skeptic, so
//! every Rust block a reader sees, included or inline, is compiled and run by
//! `cargo test` exactly as it is rendered (hidden `# ` lines included).

use std::path::PathBuf;
use std::{env, fs};

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.parent().unwrap().to_path_buf();
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

    let book = MDBook::load(&root)
        .unwrap_or_else(|e| panic!("mdBook cannot load {}: {e:#}", root.display()));
    let ctx =
        PreprocessorContext::new(root.clone(), book.config.clone(), "html".into());
    let expanded = LinkPreprocessor::new()
        .run(&ctx, book.book.clone())
        .unwrap_or_else(|e| panic!("expanding the book's includes failed: {e:#}"));

    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("book");
    let _ = fs::remove_dir_all(&out);
    let mut chapters = Vec::new();
    for item in expanded.iter() {
        let BookItem::Chapter(chapter) = item else { continue };
        let Some(source) = &chapter.source_path else { continue };
        let path = out.join(source);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, for_skeptic(&chapter.content)).unwrap();
        chapters.push(path);
    }
    // The harness tests read the expanded chapters too (leftover directives).
    println!("cargo:rustc-env=EXPANDED_BOOK_DIR={}", out.display());
    skeptic::generate_doc_tests(&chapters);
}

/// A block tagged `compile_fail` is proven by trybuild (tests/compile_fail.rs)
/// against its real compiler message; skeptic would only see it fail, so it
/// gets the block as plain text. The guards in `harness::check` make sure such
/// a block includes a file that trybuild tests.
fn for_skeptic(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let fence = line.trim_start();
            if fence.starts_with("```") && fence.contains("compile_fail") {
                "```text".to_string()
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
