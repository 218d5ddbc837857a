//! Every runner of *Async Rust by Hand* beside Tokio's two runtimes: the
//! adapters ([`runners`]), the benchmark bodies ([`shapes`], [`echo`]), the
//! committed results ([`results`]) and their plots ([`plot`]).
//!
//! `bash ci/bench.sh` runs the benchmarks, collects criterion's estimates
//! into `bench/results/times.csv` and redraws the chapter's SVGs.

pub mod echo;
pub mod experiment;
pub mod plot;
pub mod results;
pub mod runners;
pub mod shapes;
