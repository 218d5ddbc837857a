#!/usr/bin/env bash
# The suite with the network cut: after one `cargo fetch`, runs
# `cargo test --workspace --offline` inside a new network namespace whose only
# interface is loopback (unshare -rn, then `ip link set lo up`). Tests may
# talk to servers they start on 127.0.0.1; anything else fails here.
#   bash ci/offline.sh [extra cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in unshare ip; do
  command -v "$tool" >/dev/null || { echo "ci/offline.sh: FAILED: '$tool' not found (util-linux, iproute2)" >&2; exit 1; }
done
echo "== ci/offline.sh: cargo fetch, then cargo test --workspace --offline with only loopback up"
cargo fetch --quiet
args=$(printf ' %q' "$@")
unshare -rn sh -c "ip link set lo up && cargo test --workspace --offline$args"
