//! Expands the book's includes into OUT_DIR for the guards of tests/book.rs,
//! which look for directives mdBook left unexpanded. The code blocks of the
//! expanded book are run by the `snippets` package.

use std::env;
use std::path::PathBuf;

#[path = "../snippets/expand.rs"]
mod expand;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.parent().unwrap().to_path_buf();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("book");
    expand::expand_book(&root, &out, str::to_string);
    println!("cargo:rustc-env=EXPANDED_BOOK_DIR={}", out.display());
}
