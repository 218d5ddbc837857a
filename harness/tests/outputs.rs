//! Every committed output in `listings/output/` is what its command prints
//! now. `BLESS=1 cargo test` rewrites the ones that changed.

use harness::{book_root, outputs};

#[test]
fn every_output_file_matches_a_fresh_run() {
    let failures = outputs::check_all(&book_root());
    assert!(
        failures.is_empty(),
        "{} output(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Where the book says two programs print the same thing, they do.
#[test]
fn the_real_ones_print_what_ours_print() {
    let root = book_root();
    let body = |file: &str| {
        outputs::OutputFile::read(&root, file)
            .unwrap_or_else(|p| panic!("{p}"))
            .expected
    };
    let ours = body("listings/output/db_worker.txt");
    for other in
        ["listings/output/db_worker-ours.txt", "listings/output/db_worker_tokio.txt"]
    {
        assert_eq!(
            body(other),
            ours,
            "{other} should print what listings/output/db_worker.txt prints"
        );
    }
}
