#!/usr/bin/env bash
# Runs the listings that use `unsafe` under Miri, which fails on undefined
# behaviour (a stale pointer, a broken pin, a bad allocator) that a normal
# test run would miss. Only those listings: Miri is slow.
#   bash ci/miri.sh
# Installs the miri and rust-src components of the nightly toolchain if they
# are missing, and fails loudly if it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

# The listings with `unsafe` code, and the targets that exercise them:
#   listings/src/state_machines/pinned_cursor.rs  (chapter 17)
#   listings/src/state_machines/counted.rs        (chapter 18)
#   listings/src/state_machines/counting_alloc.rs (chapter 20)
#   listings/src/engine/task/{header,schedule,raw,waker,join}.rs (chapters
#     30 and 31, a task by hand; engine_task and engine_join run it on a
#     queue driven by hand, with no clock and no socket, and skip under Miri
#     the tests that need chapter 28's runtime)
#   listings/src/engine/counting_waker.rs (chapter 30's exercise, a waker
#     by hand; exercise_counting_waker runs it, on threads too)
# The exercises' starters (listings/exercises/) are the reader's to fill in,
# with `todo!()` bodies: they are not checked here, and the chapter tells the
# reader how to run their answer under Miri (`--features starter`).
#   listings/src/many_threads/mutex/{fair,barging}.rs (chapter 36, an async
#     mutex; threads_mutex polls its futures by hand and skips the tests on a
#     runtime, threads_mutex_stress runs it on threads, smaller)
#   listings/examples/measured_memory.rs (chapter 37, an allocator that
#     counts bytes around chapter 20's; under Miri the example spawns 100
#     tasks on the two runners that need no reactor)
tests=(pinning pin_projection counting_alloc engine_task engine_join exercise_counting_waker threads_mutex threads_mutex_stress)
examples=(pinned_cursor task_counts task_wake_while_running measured_memory)
covered=(
  listings/src/state_machines/pinned_cursor.rs
  listings/src/state_machines/counted.rs
  listings/src/state_machines/counting_alloc.rs
  listings/src/engine/task/header.rs
  listings/src/engine/task/schedule.rs
  listings/src/engine/task/raw.rs
  listings/src/engine/task/waker.rs
  listings/src/engine/task/join.rs
  listings/src/engine/counting_waker.rs
  listings/src/many_threads/mutex/fair.rs
  listings/src/many_threads/mutex/barging.rs
  listings/examples/measured_memory.rs
)

fail() {
  echo "ci/miri.sh: FAILED: $*" >&2
  exit 1
}

# A new listing with `unsafe` must be added above, or this check fails: the
# book promises that every listing using `unsafe` passes under Miri.
uncovered=()
while IFS= read -r file; do
  [[ " ${covered[*]} " == *" $file "* ]] || uncovered+=("$file")
done < <(grep -rlE --include='*.rs' '^[^/]*\bunsafe\b' listings --exclude-dir=exercises | sort)
if [[ ${#uncovered[@]} -gt 0 ]]; then
  for file in "${uncovered[@]}"; do
    line=$(grep -nE '^[^/]*\bunsafe\b' "$file" | head -1 | cut -d: -f1)
    echo "$file:$line: uses unsafe but ci/miri.sh does not run it under Miri" >&2
  done
  fail "add the files above, and a test or example that exercises them, to ci/miri.sh"
fi

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "== ci/miri.sh: installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal ||
    fail "cannot install the nightly toolchain, which Miri needs"
fi
installed=$(rustup component list --toolchain nightly --installed)
for component in miri rust-src; do
  if ! grep -q "^$component" <<<"$installed"; then
    echo "== ci/miri.sh: adding the $component component to nightly"
    rustup component add "$component" --toolchain nightly ||
      fail "cannot install the $component component for nightly; Miri cannot run"
  fi
done
cargo +nightly miri --version >/dev/null 2>&1 ||
  fail "cargo +nightly miri does not run even though the components are installed"

# Miri keeps its own target directory and sysroot; the first run builds them.
# Each target runs under both of Miri's aliasing models: Stacked Borrows (the
# default) and Tree Borrows. Isolation stays on: none of these listings needs
# the clock or the network.
for model in stacked-borrows tree-borrows; do
  flags=""
  [[ $model == tree-borrows ]] && flags="-Zmiri-tree-borrows"
  for test in "${tests[@]}"; do
    echo "== ci/miri.sh ($model): cargo +nightly miri test -p listings --test $test"
    MIRIFLAGS="$flags" cargo +nightly miri test -p listings --test "$test" ||
      fail "Miri ($model) found a problem in the listings of --test $test"
  done
  for example in "${examples[@]}"; do
    echo "== ci/miri.sh ($model): cargo +nightly miri run -p listings --example $example"
    MIRIFLAGS="$flags" cargo +nightly miri run -p listings --example "$example" ||
      fail "Miri ($model) found a problem in --example $example"
  done
done
echo "ci/miri.sh: ok"
