#!/usr/bin/env bash
# The whole test suite: every listing, the chapters' code blocks, the committed
# outputs and the compile-fail listings. Extra arguments go to `cargo test`.
# A 40-minute timeout makes sure nothing can hang CI forever. Then every
# benchmark body of bench/ runs once (`cargo test --benches`, criterion's test
# mode; timings are never asserted), so a benchmark that no longer builds,
# panics or hangs fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/test.sh: cargo test --workspace $* (timeout 40m)"
rc=0
timeout --kill-after=30s 40m cargo test --workspace "$@" || rc=$?
if [[ $rc -eq 124 ]]; then
  echo "ci/test.sh: FAILED: cargo test --workspace did not finish within 40 minutes" >&2
  exit 1
elif [[ $rc -ne 0 ]]; then
  echo "ci/test.sh: FAILED: cargo test --workspace exited with $rc" >&2
  exit "$rc"
fi
echo "== ci/test.sh: cargo test --benches -p bench (each benchmark body once; timeout 5m)"
rc=0
timeout --kill-after=10s 5m cargo test --benches -p bench || rc=$?
if [[ $rc -eq 124 ]]; then
  echo "ci/test.sh: FAILED: a benchmark body of bench/ did not finish within 5 minutes (a hang?)" >&2
  exit 1
elif [[ $rc -ne 0 ]]; then
  echo "ci/test.sh: FAILED: cargo test --benches -p bench exited with $rc (a benchmark body fails)" >&2
  exit "$rc"
fi
