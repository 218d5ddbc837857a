//! Draws one SVG per benchmark from the committed `bench/results/times.csv`
//! into `src/many-threads/measured/`, and writes the chapter's tables to
//! `bench/results/tables.md`. `cargo test -p bench` fails if either is
//! stale.

use std::{fs, process};

use bench::{plot, results};

fn main() {
    let rows = results::committed().unwrap_or_else(|error| {
        eprintln!("plot: {error}");
        process::exit(1);
    });
    let dir = results::plots_dir();
    fs::create_dir_all(&dir).expect("create the plots' directory");
    for benchmark in results::BENCHMARKS {
        let svg = plot::svg(&rows, benchmark).unwrap_or_else(|error| {
            eprintln!("plot: {benchmark}: {error}");
            process::exit(1);
        });
        let file = dir.join(format!("{benchmark}.svg"));
        fs::write(&file, svg).expect("write an SVG");
        println!("plot: {}", file.display());
    }
    let tables = results::tables(&rows);
    fs::write(results::tables_md(), &tables).expect("write tables.md");
    println!("plot: {}", results::tables_md().display());
}
