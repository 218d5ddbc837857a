#!/usr/bin/env bash
# Every Rust file of the workspace is formatted (settings in rustfmt.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/fmt.sh: cargo fmt --all --check"
if ! cargo fmt --all --check; then
  echo "ci/fmt.sh: FAILED: run \`cargo fmt --all\` and commit the result" >&2
  exit 1
fi
echo "ci/fmt.sh: ok"
