#!/usr/bin/env bash
# Tests the downloadable listings archive that the site ships: (re)writes
# book/html/async-rust-by-hand-listings.tar.gz with ci/listings-archive.sh,
# unpacks it into a temporary folder, outside the repository, and there runs
#   cargo build --locked --examples --tests   (the Cargo.lock is complete)
#   cargo test --locked                       (the listings' own tests pass)
#   cargo run --locked --example NAME         (the first example's output is
#                                              the one output/NAME.txt shows)
#   cargo test --features starter --test exercise_NAME   (fails: a starter)
# The target directory is target/listings-archive/ of the repository
# (CARGO_TARGET_DIR), so repeated runs are warm; only the first one builds
# tokio and futures.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
echo "== ci/archive.sh: the listings archive of the site unpacks and builds on its own (cargo build --examples --tests, cargo test)"

fail() { echo "ci/archive.sh: FAILED: $*" >&2; exit 1; }
archive=book/html/async-rust-by-hand-listings.tar.gz
mkdir -p book/html
bash ci/listings-archive.sh book/html

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xzf "$archive"
ws=$tmp/async-rust-by-hand-listings
[[ -f $ws/Cargo.toml && -f $ws/Cargo.lock ]] || fail "$archive has no async-rust-by-hand-listings/Cargo.toml and Cargo.lock"
if grep -n 'workspace *= *true\|path *=' "$ws/Cargo.toml"; then
  fail "$archive: Cargo.toml still refers to the book's workspace or to a path"
fi

# ARCHIVE_TARGET_DIR overrides it (ci/timings.sh uses an empty one for a cold run).
export CARGO_TARGET_DIR=${ARCHIVE_TARGET_DIR:-$repo/target/listings-archive}
cd "$ws"
echo "-- cargo build --locked --examples --tests (in $ws, target $CARGO_TARGET_DIR)"
cargo build --locked --examples --tests || fail "the unpacked archive does not build (see above)"
echo "-- cargo test --locked"
timeout --kill-after=10s 15m cargo test --locked -q || fail "the listings' tests fail in the unpacked archive (see above)"

# The exercises' starters compile, and each exercise's tests fail on its
# starter, as the reader will first see them (the book's suite checks the
# same in the repository, harness/tests/exercises.rs).
exercises=$(find tests -name 'exercise_*.rs' | sort)
if [[ -n $exercises ]]; then
  # Only the exercises' tests: the other test binaries built against the
  # starters would double the target folder for nothing.
  targets=()
  for file in $exercises; do targets+=(--test "$(basename "$file" .rs)"); done
  echo "-- cargo build --locked --features starter --test exercise_... ($(wc -w <<<"$exercises") exercises: their starters compile)"
  cargo build --locked --features starter "${targets[@]}" || fail "the exercises' starters do not compile in the unpacked archive"
  for file in $exercises; do
    name=$(basename "$file" .rs)
    echo "-- cargo test --locked --features starter --test $name (must fail: the starter is not solved)"
    if timeout --kill-after=10s 5m cargo test --locked -q --features starter --test "$name" >/dev/null 2>&1; then
      fail "in the unpacked archive, the tests of $name pass on its starter"
    fi
  done
fi

# One example, run as its output file says, prints what the file shows.
first=$(find output -name '*.txt' | sort | head -n1)
if [[ -n $first ]]; then
  cmd=$(head -n1 "$first")
  [[ $cmd == '$ cargo run --example '* ]] || fail "$first does not start with \$ cargo run --example"
  read -r -a words <<<"${cmd#\$ cargo run }"
  echo "-- cargo run --locked -q ${words[*]}   (compared with $first)"
  cargo run --locked -q "${words[@]}" >"$tmp/stdout.txt" || true
  if ! diff -u <(tail -n +2 "$first") "$tmp/stdout.txt"; then
    fail "in the unpacked archive, '${cmd#\$ }' does not print what $first shows"
  fi
fi
echo "ci/archive.sh: ok: $archive ($(du -k "$repo/$archive" | cut -f1) KiB) builds, tests and runs on its own"
