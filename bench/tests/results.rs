//! The committed results and what is drawn from them agree: each SVG in
//! `src/many-threads/measured/`, `bench/results/tables.md`, and the tables
//! in the chapter are what `cargo run -p bench --bin plot` makes from
//! `bench/results/times.csv` now. Timings themselves are never asserted.

use std::fs;

use bench::{plot, results};

const REGENERATE: &str =
    "run `cargo run -p bench --bin plot` (or `bash ci/bench.sh`) and commit";

#[test]
fn times_csv_has_every_benchmark_with_its_baseline() {
    let rows = results::committed().unwrap();
    for benchmark in results::BENCHMARKS {
        let of = results::of(&rows, benchmark);
        assert!(
            of.iter().any(|r| r.runner == results::BASELINE),
            "{benchmark}: no {} row in times.csv",
            results::BASELINE
        );
        for row in of {
            assert!(
                row.low <= row.median && row.median <= row.high && row.median > 0.0,
                "{benchmark}/{}: the median is not inside its interval",
                row.runner
            );
        }
    }
}

#[test]
fn every_committed_svg_is_redrawn_identically() {
    let rows = results::committed().unwrap();
    for benchmark in results::BENCHMARKS {
        let file = results::plots_dir().join(format!("{benchmark}.svg"));
        let committed = fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", file.display()));
        let drawn = plot::svg(&rows, benchmark).unwrap();
        assert!(committed == drawn, "{} is stale: {REGENERATE}", file.display());
    }
}

#[test]
fn tables_md_is_current() {
    let rows = results::committed().unwrap();
    let file = results::tables_md();
    let committed = fs::read_to_string(&file).unwrap();
    assert!(
        committed == results::tables(&rows),
        "{} is stale: {REGENERATE}",
        file.display()
    );
}

#[test]
fn the_chapter_shows_the_current_ratios() {
    let rows = results::committed().unwrap();
    let chapter = results::workspace_root().join("src/many-threads/measured.md");
    let text = fs::read_to_string(&chapter).unwrap();
    assert!(
        text.contains(&results::ratio_table(&rows)),
        "{}: its ratio table is not the one in bench/results/tables.md; copy it from there",
        chapter.display()
    );
}
