#!/usr/bin/env bash
# Measures (does not assert) how long the feedback loops take on this machine:
#   cold  cargo test --workspace in a fresh, empty target dir
#   warm  the same again, nothing changed
#   edit  the same after adding a paragraph to the first chapter of
#         src/SUMMARY.md (put back afterwards)
#   book  mdbook build (tool installed, second build)
#   then  the workflow lint, the listings archive (cold, in a fresh target
#         dir, and warm), the browser test and its self-test
# The cargo runs use a temporary CARGO_TARGET_DIR, removed at the end, so the
# numbers do not depend on (or disturb) ./target. Takes many minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/timings.sh: time cold/warm/after-edit cargo test --workspace and mdbook build (measures only)"

source ci/tools.sh
need_book_tools

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR=$work/target

chapter=src/$(grep -oE '\]\([^)#]+\.md\)' src/SUMMARY.md | head -n1 | sed -E 's/^\]\((.*)\)$/\1/')
[[ -f $chapter ]] || { echo "ci/timings.sh: FAILED: no first chapter found in src/SUMMARY.md" >&2; exit 1; }

rows=()
# measure LABEL COMMAND...: runs the command with its output in a log, records seconds and status.
measure() {
  local label=$1 start end rc=0 log=$work/step-${#rows[@]}.log
  shift
  echo "-- $label: $*"
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  local status=ok
  if [[ $rc -ne 0 ]]; then
    status="FAILED (exit $rc)"
    tail -n 20 "$log" >&2
  fi
  rows+=("$(awk -v l="$label" -v a="$start" -v b="$end" -v s="$status" 'BEGIN { printf "%-34s %9.1f  %s", l, b - a, s }')")
}

measure "cargo test, cold (empty target)" cargo test --workspace
measure "cargo test, warm (no change)" cargo test --workspace
# An edit of one chapter: a new paragraph at its end (restored afterwards).
cp "$chapter" "$work/chapter.md"
trap 'cp "$work/chapter.md" "$chapter"; rm -rf "$work"' EXIT
printf '\nA paragraph added by ci/timings.sh.\n' >>"$chapter"
measure "cargo test, after editing ${chapter#src/}" cargo test --workspace
cp "$work/chapter.md" "$chapter"
mdbook build >/dev/null 2>&1 || true
measure "mdbook build, warm" mdbook build
measure "workflow lint (tool installed)" bash ci/workflows.sh
ARCHIVE_TARGET_DIR=$work/archive-target measure "listings archive, cold" bash ci/archive.sh
ARCHIVE_TARGET_DIR=$work/archive-target measure "listings archive, warm" bash ci/archive.sh
measure "browser test" bash ci/browser.sh
measure "browser self-test" bash ci/selftest-browser.sh

echo
printf '%-34s %9s  %s\n' "step" "seconds" "result"
printf '%s\n' "${rows[@]}"
