#!/usr/bin/env bash
# Reproduces the figures of "Measured: every runner beside Tokio" in one go:
#   bash ci/bench.sh            (about 3 minutes on 2 cores)
#   bash ci/bench.sh --quick    (criterion's quick mode: seconds per benchmark)
# 1. cargo bench -p bench: every benchmark on every runner, release profile;
# 2. collect: criterion's medians and spreads into bench/results/times.csv;
# 3. plot: one SVG per benchmark into src/many-threads/measured/, and the
#    chapter's tables into bench/results/tables.md (copy the ratio table into
#    src/many-threads/measured.md: `cargo test -p bench` checks it is there).
# Extra arguments go to criterion. Not part of .ci/run: timings vary, and CI
# only checks that each benchmark body runs (ci/test.sh) and that the plots
# are drawn from the committed results (cargo test -p bench).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/bench.sh: cargo bench -p bench -- $*; collect; plot"
cargo bench -p bench --bench runners -- "$@"
cargo run --release -q -p bench --bin collect
cargo run --release -q -p bench --bin plot
echo "ci/bench.sh: ok: bench/results/times.csv, bench/results/tables.md, src/many-threads/measured/*.svg"
