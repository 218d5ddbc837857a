#!/usr/bin/env bash
# Proves that ci/links.sh catches what it claims to: on a copy of the book in a
# temporary directory (the repository is never touched) it
#   1. checks that the unmodified copy passes,
#   2. appends a link to a missing file and a link to a missing #anchor to the
#      first chapter, and asserts that ci/links.sh fails naming both by file
#      and line.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/selftest-links.sh: ci/links.sh must fail on a broken link and a broken #anchor (in a temp copy of the book)"

fail() { echo "ci/selftest-links.sh: FAILED: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C . --exclude=./target --exclude=./book --exclude=./.git --exclude=./ci/browser/node_modules -cf - . | tar -C "$tmp" -xf -

echo "-- 1. the unmodified copy must pass"
if ! bash "$tmp/ci/links.sh" >"$tmp/clean.log" 2>&1; then
  cat "$tmp/clean.log" >&2
  fail "ci/links.sh fails on the unmodified book, so this self-test proves nothing; fix the links first"
fi

# The first chapter listed in SUMMARY.md, e.g. introduction.md.
chapter=$(grep -oE '\]\([^)#]+\.md\)' src/SUMMARY.md | head -n1 | sed -E 's/^\]\((.*)\)$/\1/')
[[ -n $chapter && -f $tmp/src/$chapter ]] || fail "could not find the first chapter in src/SUMMARY.md"
name=$(basename "$chapter")
file=$tmp/src/$chapter
printf '\n[x](nope.md)\n' >>"$file"
link_line=$(wc -l <"$file")
printf '\n[y](%s#nope)\n' "$name" >>"$file"
anchor_line=$(wc -l <"$file")
echo "-- 2. broken link at src/$chapter:$link_line and broken anchor at src/$chapter:$anchor_line must fail"

rc=0
bash "$tmp/ci/links.sh" >"$tmp/broken.log" 2>&1 || rc=$?
sed -E $'s/\x1b\\[[0-9;]*m//g' "$tmp/broken.log" >"$tmp/broken.txt"
grep -E "error|broken|FAILED|$chapter" "$tmp/broken.txt" | grep -v '^ *[0-9]*: ' || true

[[ $rc -ne 0 ]] || fail "ci/links.sh exited 0 on a book with a broken link and a broken anchor"
grep -qF "File not found: nope.md" "$tmp/broken.txt" ||
  fail "mdbook-linkcheck2 did not report the missing file nope.md"
grep -qF "$chapter:$link_line:" "$tmp/broken.txt" ||
  fail "the broken link was not reported at $chapter:$link_line"
grep -qF "src/$chapter:$anchor_line: broken anchor '$name#nope'" "$tmp/broken.txt" ||
  fail "the broken anchor was not reported at src/$chapter:$anchor_line"
echo "ci/selftest-links.sh: ok: ci/links.sh failed (exit $rc) and named both broken links by file and line"
