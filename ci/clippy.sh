#!/usr/bin/env bash
# Clippy over every crate and target (tests and examples too); warnings fail.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/clippy.sh: cargo clippy --workspace --all-targets -- -D warnings"
if ! cargo clippy --workspace --all-targets -- -D warnings; then
  echo "ci/clippy.sh: FAILED: fix the clippy findings above" >&2
  exit 1
fi
echo "ci/clippy.sh: ok"
