#!/usr/bin/env bash
# Proves that ci/book.sh catches what mdBook lets through, on a copy of the book
# in a temporary directory (the repository is never touched):
#   1. the unmodified copy passes;
#   2. an escaped \{{#include ...}} (shown literally on purpose) still passes;
#   3. a missing include file fails, naming the chapter and line;
#   4. an unknown directive, which mdBook leaves in the page without any error,
#      fails, naming the chapter and line.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/selftest-book.sh: ci/book.sh must excuse escaped directives and fail on unexpanded ones (in a temp copy of the book)"

fail() { echo "ci/selftest-book.sh: FAILED: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/book"
tar -C . --exclude=./target --exclude=./book --exclude=./.git --exclude=./ci/browser/node_modules -cf - . | tar -C "$tmp/book" -xf -

chapter=$(grep -oE '\]\([^)#]+\.md\)' src/SUMMARY.md | head -n1 | sed -E 's/^\]\((.*)\)$/\1/')
[[ -n $chapter && -f src/$chapter ]] || fail "could not find the first chapter in src/SUMMARY.md"

# check NAME EXPECT [LINE]: appends LINE (if any) to a fresh copy of the chapter,
# runs ci/book.sh and expects it to pass or to fail naming src/CHAPTER:LINENO.
check() {
  local name=$1 expect=$2 text=${3-} file=$tmp/book/src/$chapter rc=0 at
  cp "src/$chapter" "$file"
  if [[ -n $text ]]; then printf '\n%s\n' "$text" >>"$file"; fi
  at=src/$chapter:$(wc -l <"$file")
  echo "-- $name: ${text:-(unmodified)}"
  bash "$tmp/book/ci/book.sh" >"$tmp/out.log" 2>&1 || rc=$?
  if [[ $expect == pass ]]; then
    [[ $rc -eq 0 ]] || { cat "$tmp/out.log" >&2; fail "$name: ci/book.sh failed, expected it to pass"; }
  else
    [[ $rc -ne 0 ]] || { cat "$tmp/out.log" >&2; fail "$name: ci/book.sh passed, expected it to fail"; }
    grep -qF "  $at:" "$tmp/out.log" || { cat "$tmp/out.log" >&2; fail "$name: the failure does not name $at"; }
    grep -F "  $at:" "$tmp/out.log"
  fi
}

check "unmodified book" pass
# shellcheck disable=SC2016 # the backticks are Markdown, not a command
check "escaped directive" pass 'Write `\{{#include file.rs:main}}` to include an anchor.'
check "missing include file" fail '{{#include does-not-exist.rs}}'
check "unknown directive" fail '{{#inclde ../listings/src/lib.rs}}'
echo "ci/selftest-book.sh: ok: ci/book.sh excused the escaped directive and caught both unexpanded ones by file and line"
