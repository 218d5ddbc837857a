//! Each guard of `harness::check`, fed the bad case it exists for. Every
//! test starts from a small book that passes, breaks one thing, and expects
//! a problem naming the file and line to fix.

use std::fs;
use std::path::Path;

use harness::Problem;
use harness::check::{check, leftover_directives};

const SUMMARY: &str =
    "# Summary\n\n[Introduction](introduction.md)\n\n# Part I\n\n- [One](one.md)\n";

const CHAPTER: &str = "# One

```rust
{{#rustdoc_include ../listings/examples/hello.rs:main}}
```

<span class=\"caption\">Listing 1-1: Greeting. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>

```console
{{#include ../listings/output/hello.txt}}
```

Listing 1-1 prints one line.
";

const EXAMPLE: &str =
    "// ANCHOR: main\nfn main() {\n    println!(\"hello\");\n}\n// ANCHOR_END: main\n";

/// A small book that passes every guard.
fn good_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/SUMMARY.md", SUMMARY);
    write(dir.path(), "src/introduction.md", "# Introduction\n");
    write(dir.path(), "src/one.md", CHAPTER);
    write(dir.path(), "listings/examples/hello.rs", EXAMPLE);
    write(
        dir.path(),
        "listings/output/hello.txt",
        "$ cargo run --example hello\nhello\n",
    );
    dir
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Replaces `from` with `to` in the chapter, which must contain it.
fn edit_chapter(root: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(root.join("src/one.md")).unwrap();
    assert!(text.contains(from), "the fixture chapter has no {from:?}");
    write(root, "src/one.md", &text.replacen(from, to, 1));
}

/// Asserts that the book at `root` has exactly one problem, at `file:line`,
/// whose message contains `says`.
#[track_caller]
fn expect_one(root: &Path, file: &str, line: usize, says: &str) {
    let problems = check(root);
    let found: Vec<String> = problems.iter().map(Problem::to_string).collect();
    assert_eq!(problems.len(), 1, "expected one problem, found {found:#?}");
    assert_eq!(
        (problems[0].file.as_str(), problems[0].line),
        (file, line),
        "{found:#?}"
    );
    assert!(problems[0].message.contains(says), "expected {says:?} in {found:#?}");
}

#[test]
fn the_fixture_book_passes() {
    let book = good_book();
    assert_eq!(check(book.path()), []);
}

#[test]
fn a_missing_include_file_is_named() {
    let book = good_book();
    edit_chapter(book.path(), "examples/hello.rs:main", "examples/helo.rs:main");
    let problems = check(book.path());
    let first = &problems[0];
    assert_eq!((first.file.as_str(), first.line), ("src/one.md", 4), "{problems:#?}");
    assert!(
        first.message.contains("file listings/examples/helo.rs does not exist"),
        "{problems:#?}"
    );
}

#[test]
fn a_missing_anchor_is_named() {
    let book = good_book();
    edit_chapter(book.path(), "hello.rs:main", "hello.rs:mian");
    expect_one(
        book.path(),
        "src/one.md",
        4,
        "anchor `mian` not found in listings/examples/hello.rs",
    );
}

#[test]
fn an_empty_anchor_is_named() {
    let book = good_book();
    write(
        book.path(),
        "listings/examples/hello.rs",
        &format!("// ANCHOR: nothing\n\n// ANCHOR_END: nothing\n{EXAMPLE}"),
    );
    edit_chapter(book.path(), "hello.rs:main", "hello.rs:nothing");
    expect_one(
        book.path(),
        "src/one.md",
        4,
        "anchor `nothing` in listings/examples/hello.rs is empty",
    );
}

#[test]
fn a_line_range_instead_of_an_anchor_is_refused() {
    let book = good_book();
    edit_chapter(book.path(), "hello.rs:main", "hello.rs:2:4");
    expect_one(book.path(), "src/one.md", 4, "line numbers drift");
}

#[test]
fn a_directive_left_unexpanded_in_the_built_book_is_named() {
    let expanded = tempfile::tempdir().unwrap();
    write(
        expanded.path(),
        "one.md",
        "# One\n\n```rust\n{{#rustdoc_include ../listings/examples/gone.rs}}\n```\n",
    );
    let problems = leftover_directives(expanded.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].file, "src/one.md");
    assert!(
        problems[0].message.contains("gone.rs}} was left unexpanded (line 4"),
        "{problems:#?}"
    );
}

#[test]
fn a_rust_block_tagged_ignore_is_refused() {
    let book = good_book();
    edit_chapter(book.path(), "```rust\n", "```rust,ignore\n");
    expect_one(
        book.path(),
        "src/one.md",
        3,
        "`ignore` takes a Rust block out of the tests",
    );
}

#[test]
fn a_rust_block_tagged_no_run_is_refused() {
    let book = good_book();
    edit_chapter(book.path(), "```rust\n", "```rust,no_run\n");
    expect_one(
        book.path(),
        "src/one.md",
        3,
        "`no_run` takes a Rust block out of the tests",
    );
}

#[test]
fn rust_code_hidden_in_a_text_block_is_caught() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "Listing 1-1 prints",
        "```text\nfn sneaky() {\n```\n\nListing 1-1 prints",
    );
    expect_one(book.path(), "src/one.md", 13, "looks like Rust: tag it `rust`");
}

#[test]
fn a_block_without_a_language_is_caught() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "Listing 1-1 prints",
        "```\nsome text\n```\n\nListing 1-1 prints",
    );
    expect_one(book.path(), "src/one.md", 13, "code block has no language");
}

#[test]
fn a_compile_fail_block_must_come_from_the_compile_fail_folder() {
    let book = good_book();
    edit_chapter(book.path(), "```rust\n", "```rust,compile_fail\n");
    expect_one(
        book.path(),
        "src/one.md",
        3,
        "must include one file of listings/compile-fail/",
    );
}

#[test]
fn a_hand_written_console_block_is_refused() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "{{#include ../listings/output/hello.txt}}",
        "$ cargo run --example hello\nhello",
    );
    let problems = check(book.path());
    let messages: Vec<String> = problems.iter().map(Problem::to_string).collect();
    assert!(
        messages.contains(
            &"src/one.md:9: a console block shows checked output: make it one include of a file in listings/output/"
                .into()
        ),
        "{messages:#?}"
    );
    // ...and the output file it should have included is now unshown.
    assert!(
        messages.iter().any(|m| m
            .starts_with("listings/output/hello.txt:1: no chapter shows this file")),
        "{messages:#?}"
    );
}

#[test]
fn an_output_file_no_chapter_shows_is_named() {
    let book = good_book();
    write(
        book.path(),
        "listings/output/hello-again.txt",
        "$ cargo run --example hello\nhello\n",
    );
    expect_one(
        book.path(),
        "listings/output/hello-again.txt",
        1,
        "no chapter shows this file",
    );
}

#[test]
fn a_listing_no_chapter_shows_is_named() {
    let book = good_book();
    write(book.path(), "listings/src/helper.rs", "pub fn helper() {}\n");
    expect_one(book.path(), "listings/src/helper.rs", 1, "no chapter shows this file");
}

#[test]
fn an_example_without_an_output_file_is_named() {
    let book = good_book();
    fs::remove_file(book.path().join("listings/output/hello.txt")).unwrap();
    edit_chapter(
        book.path(),
        "```console\n{{#include ../listings/output/hello.txt}}\n```\n",
        "",
    );
    expect_one(
        book.path(),
        "listings/examples/hello.rs",
        1,
        "records what this example prints",
    );
}

#[test]
fn an_example_that_serves_until_stopped_needs_no_output_file() {
    let book = good_book();
    fs::remove_file(book.path().join("listings/output/hello.txt")).unwrap();
    edit_chapter(
        book.path(),
        "```console\n{{#include ../listings/output/hello.txt}}\n```\n",
        "",
    );
    let says_so = format!("//! {}\n{EXAMPLE}", harness::check::SERVES_UNTIL_STOPPED);
    write(book.path(), "listings/examples/hello.rs", &says_so);
    let problems = check(book.path());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn an_output_file_for_a_missing_example_is_named() {
    let book = good_book();
    write(
        book.path(),
        "listings/output/hello.txt",
        "$ cargo run --example goodbye\nhello\n",
    );
    let problems = check(book.path());
    assert!(
        problems.iter().any(|p| p
            .to_string()
            .starts_with("listings/output/hello.txt:1: runs example `goodbye`")),
        "{problems:#?}"
    );
}

#[test]
fn a_chapter_missing_from_summary_is_named() {
    let book = good_book();
    write(book.path(), "src/forgotten.md", "# Forgotten\n");
    expect_one(book.path(), "src/forgotten.md", 1, "not listed in src/SUMMARY.md");
}

#[test]
fn a_summary_entry_without_a_file_is_named() {
    let book = good_book();
    write(book.path(), "src/SUMMARY.md", &format!("{SUMMARY}- [Two](two.md)\n"));
    expect_one(
        book.path(),
        "src/SUMMARY.md",
        8,
        "chapter file src/two.md does not exist",
    );
}

#[test]
fn a_listing_without_a_caption_is_named() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "<span class=\"caption\">Listing 1-1: Greeting. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>\n",
        "",
    );
    let problems = check(book.path());
    assert!(
        problems.iter().any(|p| p.to_string().starts_with(
            "src/one.md:3: listing listings/examples/hello.rs has no caption"
        )),
        "{problems:#?}"
    );
}

#[test]
fn a_caption_with_the_wrong_number_is_named() {
    let book = good_book();
    edit_chapter(book.path(), "Listing 1-1: Greeting", "Listing 1-2: Greeting");
    let problems = check(book.path());
    assert!(
        problems.iter().any(|p| p.to_string()
            == "src/one.md:7: caption says Listing 1-2, but this is Listing 1-1 (chapter 1, listing 1)"),
        "{problems:#?}"
    );
}

#[test]
fn a_caption_naming_the_wrong_file_is_named() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "File: `listings/examples/hello.rs`",
        "File: `listings/examples/hi.rs`",
    );
    expect_one(
        book.path(),
        "src/one.md",
        7,
        "caption must name its file: File: `listings/examples/hello.rs`",
    );
}

#[test]
fn a_caption_with_the_wrong_command_is_named() {
    let book = good_book();
    edit_chapter(
        book.path(),
        "Run: `cargo run --example hello`",
        "Run: `cargo run --example hi`",
    );
    expect_one(
        book.path(),
        "src/one.md",
        7,
        "caption must say how to run it: Run: `cargo run --example hello`",
    );
}

#[test]
fn prose_citing_a_listing_that_does_not_exist_is_named() {
    let book = good_book();
    edit_chapter(book.path(), "Listing 1-1 prints", "Listing 1-4 prints");
    expect_one(book.path(), "src/one.md", 13, "Listing 1-4 does not exist");
}

#[test]
fn a_caption_naming_a_test_that_does_not_exist_is_named() {
    let book = good_book();
    write(
        book.path(),
        "listings/src/greeting.rs",
        "// ANCHOR: all\npub fn greet() {}\n// ANCHOR_END: all\n",
    );
    let listing = "```rust\n{{#rustdoc_include ../listings/src/greeting.rs:all}}\n```\n\n<span class=\"caption\">Listing 1-2: A helper. File: `listings/src/greeting.rs`. Run: `cargo test --test greetings`.</span>\n\nListing 1-1 prints";
    edit_chapter(book.path(), "Listing 1-1 prints", listing);
    expect_one(
        book.path(),
        "src/one.md",
        17,
        "`cargo test --test greetings` names a test that does not exist",
    );
}

/// The fixture book plus an unnumbered appendix that shows `hello.rs` again,
/// with the given caption.
fn book_with_solution(caption: &str) -> tempfile::TempDir {
    let book = good_book();
    write(
        book.path(),
        "src/SUMMARY.md",
        &format!("{SUMMARY}\n---\n\n[Solutions](solutions.md)\n"),
    );
    let appendix = format!(
        "# Solutions\n\n```rust\n{{{{#rustdoc_include ../listings/examples/hello.rs:main}}}}\n```\n\n{caption}\n"
    );
    write(book.path(), "src/solutions.md", &appendix);
    book
}

#[test]
fn a_solution_caption_in_an_unnumbered_chapter_passes() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-1: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    assert_eq!(check(book.path()), []);
}

#[test]
fn a_solution_caption_with_a_part_number_passes() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-1, part 2: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    assert_eq!(check(book.path()), []);
}

#[test]
fn a_solution_caption_with_a_part_that_is_not_a_number_is_named() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-1, part two: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    expect_one(
        book.path(),
        "src/solutions.md",
        7,
        "a solution caption names its listing as `Solution to Listing C-N:`",
    );
}

#[test]
fn a_numbered_caption_in_an_unnumbered_chapter_is_refused() {
    let book = book_with_solution(
        "<span class=\"caption\">Listing 1-2: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    expect_one(
        book.path(),
        "src/solutions.md",
        7,
        "numbered listings belong in numbered chapters",
    );
}

#[test]
fn a_solution_caption_naming_a_missing_listing_is_named() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-5: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    expect_one(book.path(), "src/solutions.md", 7, "Listing 1-5 does not exist");
}

#[test]
fn a_solution_caption_without_a_listing_number_is_named() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing one: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hello`.</span>",
    );
    expect_one(
        book.path(),
        "src/solutions.md",
        7,
        "a solution caption names its listing as `Solution to Listing C-N:`",
    );
}

#[test]
fn a_solution_caption_with_the_wrong_file_or_command_is_named() {
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-1: Greeting, solved. File: `listings/examples/hi.rs`. Run: `cargo run --example hello`.</span>",
    );
    expect_one(
        book.path(),
        "src/solutions.md",
        7,
        "caption must name its file: File: `listings/examples/hello.rs`",
    );
    let book = book_with_solution(
        "<span class=\"caption\">Solution to Listing 1-1: Greeting, solved. File: `listings/examples/hello.rs`. Run: `cargo run --example hi`.</span>",
    );
    expect_one(
        book.path(),
        "src/solutions.md",
        7,
        "caption must say how to run it: Run: `cargo run --example hello`",
    );
}
