//! The committed results: `bench/results/times.csv`, one line per benchmark
//! and runner, collected from criterion's `target/criterion/*/*/new/
//! estimates.json` by `cargo run -p bench --bin collect`.
//!
//! Each line keeps criterion's median, its 95% confidence interval and the
//! median absolute deviation, in nanoseconds per iteration.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::experiment::LazyDriverRunner;
use crate::runners::{
    EngineJobsRunner, EngineRunner, MiniRunner, RunQueueRunner, Runner, StealRunner,
    TokioCurrent, TokioMulti,
};

/// The benchmarks, in the chapter's order (criterion's group names).
pub const BENCHMARKS: [&str; 5] =
    ["spawn_many", "ping_pong", "yield_many", "chained_spawn", "echo"];

/// The runners, in the order the tables and plots list them.
pub const RUNNERS: [&str; 8] = [
    RunQueueRunner::NAME,
    MiniRunner::NAME,
    EngineJobsRunner::NAME,
    EngineRunner::NAME,
    LazyDriverRunner::NAME,
    StealRunner::NAME,
    TokioCurrent::NAME,
    TokioMulti::NAME,
];

/// Every ratio is to this runner.
pub const BASELINE: &str = TokioCurrent::NAME;

/// The file's first line.
pub const HEADER: &str =
    "benchmark,runner,median_ns,median_low_ns,median_high_ns,mad_ns";

/// One benchmark on one runner.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub benchmark: String,
    pub runner: String,
    /// Median time of one iteration.
    pub median: f64,
    /// The 95% confidence interval of the median.
    pub low: f64,
    pub high: f64,
    /// Median absolute deviation of the samples.
    pub mad: f64,
}

/// The workspace's root, from this package's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ has a parent").into()
}

/// `bench/results/times.csv`.
pub fn times_csv() -> PathBuf {
    workspace_root().join("bench/results/times.csv")
}

/// Where the chapter's plots live.
pub fn plots_dir() -> PathBuf {
    workspace_root().join("src/many-threads/measured")
}

/// Reads criterion's estimates for every benchmark and runner found under
/// `criterion_dir` (usually `target/criterion`).
pub fn collect(criterion_dir: &Path) -> io::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for benchmark in BENCHMARKS {
        for runner in RUNNERS {
            let file = criterion_dir
                .join(benchmark)
                .join(criterion_dir_name(runner))
                .join("new/estimates.json");
            let Ok(text) = fs::read_to_string(&file) else {
                continue; // a runner that cannot run this benchmark
            };
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| io::Error::other(format!("{}: {e}", file.display())))?;
            let number = |path: &[&str]| {
                let mut value = &json;
                for key in path {
                    value = &value[key];
                }
                value.as_f64().ok_or_else(|| {
                    io::Error::other(format!(
                        "{}: no {}",
                        file.display(),
                        path.join(".")
                    ))
                })
            };
            rows.push(Row {
                benchmark: benchmark.into(),
                runner: runner.into(),
                median: number(&["median", "point_estimate"])?.round(),
                low: number(&["median", "confidence_interval", "lower_bound"])?.round(),
                high: number(&["median", "confidence_interval", "upper_bound"])?
                    .round(),
                mad: number(&["median_abs_dev", "point_estimate"])?.round(),
            });
        }
    }
    Ok(rows)
}

/// The directory criterion names after a benchmark id: it replaces the
/// characters it does not want in paths, and keeps spaces.
fn criterion_dir_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '?' | '"' | '/' | '\\' | '*' | '<' | '>' | ':' | '|' | '^' => '_',
            c => c,
        })
        .collect()
}

/// The CSV text of `rows`.
pub fn to_csv(rows: &[Row]) -> String {
    let mut text = format!("{HEADER}\n");
    for r in rows {
        let _ = writeln!(
            text,
            "{},{},{},{},{},{}",
            r.benchmark, r.runner, r.median, r.low, r.high, r.mad
        );
    }
    text
}

/// Parses what [`to_csv`] wrote.
pub fn from_csv(text: &str) -> Result<Vec<Row>, String> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(format!("the first line is not {HEADER:?}"));
    }
    lines
        .enumerate()
        .map(|(i, line)| {
            let fields: Vec<&str> = line.split(',').collect();
            let [benchmark, runner, median, low, high, mad] = fields[..] else {
                return Err(format!("line {}: not six fields: {line:?}", i + 2));
            };
            let number = |s: &str| {
                s.parse::<f64>().map_err(|e| format!("line {}: {s:?}: {e}", i + 2))
            };
            Ok(Row {
                benchmark: benchmark.into(),
                runner: runner.into(),
                median: number(median)?,
                low: number(low)?,
                high: number(high)?,
                mad: number(mad)?,
            })
        })
        .collect()
}

/// Reads the committed `bench/results/times.csv`.
pub fn committed() -> Result<Vec<Row>, String> {
    let file = times_csv();
    let text =
        fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    from_csv(&text)
}

/// The rows of one benchmark, in [`RUNNERS`] order.
pub fn of<'a>(rows: &'a [Row], benchmark: &str) -> Vec<&'a Row> {
    let mut of: Vec<&Row> = rows.iter().filter(|r| r.benchmark == benchmark).collect();
    of.sort_by_key(|r| RUNNERS.iter().position(|&n| n == r.runner));
    of
}

/// `row`'s median over the baseline's in the same benchmark.
pub fn ratio(rows: &[Row], row: &Row) -> Option<f64> {
    let base =
        rows.iter().find(|r| r.benchmark == row.benchmark && r.runner == BASELINE)?;
    Some(row.median / base.median)
}

/// A time in nanoseconds, in the unit that suits it.
pub fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The chapter's headline table: each runner's median over Tokio's
/// current-thread runtime, per benchmark (a dash where it cannot run).
pub fn ratio_table(rows: &[Row]) -> String {
    let mut text = String::from("| Runner |");
    for b in BENCHMARKS {
        let _ = write!(text, " `{b}` |");
    }
    text.push_str("\n|---|");
    text.push_str(&"---:|".repeat(BENCHMARKS.len()));
    text.push('\n');
    for runner in RUNNERS {
        let _ = write!(text, "| {runner} |");
        let mut any = false;
        for b in BENCHMARKS {
            match rows.iter().find(|r| r.benchmark == b && r.runner == runner) {
                Some(row) => {
                    any = true;
                    let r = ratio(rows, row).expect("a baseline row");
                    let _ = write!(text, " {r:.2}x |");
                }
                None => text.push_str(" - |"),
            }
        }
        if !any {
            // A runner with no results at all is left out.
            let cut = text.rfind(&format!("| {runner} |")).unwrap();
            text.truncate(cut);
            continue;
        }
        text.push('\n');
    }
    text
}

/// The medians themselves, for the chapter's second table.
pub fn median_table(rows: &[Row]) -> String {
    let mut text = String::from("| Runner |");
    for b in BENCHMARKS {
        let _ = write!(text, " `{b}` |");
    }
    text.push_str("\n|---|");
    text.push_str(&"---:|".repeat(BENCHMARKS.len()));
    text.push('\n');
    for runner in RUNNERS {
        if !rows.iter().any(|r| r.runner == runner) {
            continue;
        }
        let _ = write!(text, "| {runner} |");
        for b in BENCHMARKS {
            match rows.iter().find(|r| r.benchmark == b && r.runner == runner) {
                Some(row) => {
                    let _ =
                        write!(text, " {} ±{} |", human(row.median), human(row.mad));
                }
                None => text.push_str(" - |"),
            }
        }
        text.push('\n');
    }
    text
}

/// `bench/results/tables.md`: the two tables the chapter shows.
pub fn tables_md() -> PathBuf {
    workspace_root().join("bench/results/tables.md")
}

/// What `tables.md` holds: the ratio table, then the medians.
pub fn tables(rows: &[Row]) -> String {
    format!(
        "<!-- Written by `cargo run -p bench --bin plot` from times.csv. -->\n\n\
         Ratio of each median to Tokio's current-thread runtime (lower is faster):\n\n{}\n\
         Medians, ± the median absolute deviation:\n\n{}",
        ratio_table(rows),
        median_table(rows)
    )
}
