//! The `snippets` package runs every Rust block of the book as a test
//! (`cargo test -p snippets`); see build.rs. It has no library on purpose,
//! and this program only says so.

fn main() {
    println!(
        "Nothing to run here: `cargo test -p snippets` compiles and runs the book's code blocks."
    );
}
