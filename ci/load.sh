#!/usr/bin/env bash
# Measures (does not assert) chapter 40's load: hundreds of blocking clients
# on loopback against the key-value server on 2 worker threads, in release
# mode; prints requests per second and the latency of one request (p50, p99,
# max) for the store, the blocking handler with its backend open, and the
# same handler on spawn_blocking. Every reply is still checked.
#   KV_LOAD_CLIENTS (default 200) and KV_LOAD_ROUNDS (default 50; 4 requests
#   a round) change the load.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/load.sh: the key-value server under load (measures only)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cargo test --release -p listings --test ship_load -- --ignored --exact measure_the_load --nocapture 2>&1 \
  | grep -E '^ *[a-z, ]+: [0-9]+ requests|test result|panicked|error'
