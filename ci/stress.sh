#!/usr/bin/env bash
# The suite under load: runs `cargo test --workspace` RUNS times (default 20)
# while two busy loops compete for the CPU, prints each failure, and fails if
# any run failed. Every verdict of the suite follows from what causes what,
# so a loaded machine must not change it.
#   bash ci/stress.sh [RUNS]
# Logs of failed runs stay in target/stress/. Not part of .ci/run (it takes
# RUNS times a warm run); run it before landing anything that touches timing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "ci/stress.sh: RUNS must be a positive number, not '$runs'" >&2; exit 2; }

logs=target/stress
mkdir -p "$logs"
rm -f "$logs"/run-*.log

echo "== ci/stress.sh: building the tests once"
cargo test --workspace --no-run --quiet

busy=()
stop_busy() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_busy EXIT
for _ in 1 2; do
  (while :; do :; done) &
  busy+=($!)
done
echo "== ci/stress.sh: $runs runs of cargo test --workspace beside ${#busy[@]} busy loops (pids ${busy[*]})"

failed=0
for ((run = 1; run <= runs; run++)); do
  log=$logs/run-$run.log
  start=$(date +%s.%N)
  rc=0
  timeout --kill-after=30s 20m cargo test --workspace --no-fail-fast >"$log" 2>&1 || rc=$?
  took=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if [[ $rc -eq 0 ]]; then
    echo "run $run/$runs: ok (${took}s)"
    rm -f "$log"
    continue
  fi
  failed=$((failed + 1))
  echo "run $run/$runs: FAILED (exit $rc, ${took}s), log in $log"
  # libtest lists the failing tests after "failures:"; cargo names the binary.
  grep -E '^    [A-Za-z0-9_:]+$|^error: test failed|^test .* \.\.\. FAILED$' "$log" | sort -u | sed 's/^/    /' || true
done

echo
echo "== ci/stress.sh: $((runs - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
