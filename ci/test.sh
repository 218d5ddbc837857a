#!/usr/bin/env bash
# The whole test suite: every listing, the chapters' code blocks, the committed
# outputs and the compile-fail listings. Extra arguments go to `cargo test`.
# A 40-minute timeout makes sure nothing can hang CI forever.
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
