//! Collects criterion's estimates (`target/criterion`, or the directory
//! given) into `bench/results/times.csv`: median, its 95% confidence
//! interval and the median absolute deviation of every benchmark on every
//! runner. `bash ci/bench.sh` runs it after `cargo bench -p bench`.

use std::path::PathBuf;
use std::{env, fs, process};

use bench::results;

fn main() {
    let criterion = env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| {
            env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| results::workspace_root().join("target/criterion"));
    let rows = match results::collect(&criterion) {
        Ok(rows) if !rows.is_empty() => rows,
        Ok(_) => {
            eprintln!(
                "collect: no estimates under {}: run `cargo bench -p bench` first",
                criterion.display()
            );
            process::exit(1);
        }
        Err(error) => {
            eprintln!("collect: {error}");
            process::exit(1);
        }
    };
    let file = results::times_csv();
    fs::write(&file, results::to_csv(&rows)).expect("write times.csv");
    println!(
        "collect: {} results from {} into {}",
        rows.len(),
        criterion.display(),
        file.display()
    );
    println!("\n{}", results::ratio_table(&rows));
}
