#!/usr/bin/env bash
# Packs the listings crate into a workspace that builds on its own, as
#   DEST/async-rust-by-hand-listings.tar.gz      (DEST defaults to book/html)
# which ci/book.sh and ci/links.sh write into the built site after `mdbook build`,
# and src/introduction.md links to ("Running the listings"). Inside, in
# async-rust-by-hand-listings/:
#   Cargo.toml   listings/Cargo.toml with every `workspace = true` written out
#                from the root Cargo.toml (edition, versions, features), plus an
#                empty [workspace] so it is a workspace of its own
#   Cargo.lock   the repository's Cargo.lock, pruned by Cargo to what the
#                listings need; the versions are checked to be the same
#   src/ examples/ tests/ output/ compile-fail/ exercises/   as in listings/
#   rustfmt.toml, README.md
# The archive is reproducible (sorted, owner 0, gzip -n) and keeps each file's
# modification time, so a build of an unpacked copy stays warm while the
# listings do not change. ci/archive.sh unpacks it and builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-book/html}
name=async-rust-by-hand-listings

fail() { echo "ci/listings-archive.sh: FAILED: $*" >&2; exit 1; }
[[ -d $dest ]] || fail "destination $dest does not exist (build the book first)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/$name
mkdir "$out"

# The crate's files, with their modification times.
for part in src examples tests output compile-fail exercises; do
  if [[ -d listings/$part ]]; then cp -a "listings/$part" "$out/$part"; fi
done
cp -a rustfmt.toml "$out/rustfmt.toml"

# Cargo.toml: resolve workspace inheritance. Supports the forms the project uses:
#   key.workspace = true            (in [package] or a dependency table)
#   name = { workspace = true, ... } (extra keys such as features are merged)
# Anything it cannot resolve fails loudly rather than shipping a broken manifest.
awk -v root=Cargo.toml '
  function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
  BEGIN {
    while ((getline line < root) > 0) {
      if (line ~ /^\[/) { section = trim(line); continue }
      if (line !~ /=/ || line ~ /^[ \t]*#/) continue
      key = trim(substr(line, 1, index(line, "=") - 1))
      val = trim(substr(line, index(line, "=") + 1))
      if (section == "[workspace.package]") pkg[key] = val
      else if (section == "[workspace.dependencies]") dep[key] = val
    }
  }
  /^\[/ { section = trim($0); print; next }
  /^[ \t]*[A-Za-z0-9_-]+\.workspace[ \t]*=[ \t]*true[ \t]*$/ {
    key = trim($0); sub(/\.workspace.*/, "", key)
    if (section == "[package]") {
      if (!(key in pkg)) { print "no " key " in [workspace.package] of " root > "/dev/stderr"; bad = 1; next }
      print key " = " pkg[key]; next
    }
    if (!(key in dep)) { print "no " key " in [workspace.dependencies] of " root > "/dev/stderr"; bad = 1; next }
    print key " = " dep[key]; next
  }
  /workspace[ \t]*=[ \t]*true/ {
    key = trim(substr($0, 1, index($0, "=") - 1))
    if (!(key in dep)) { print "cannot resolve: " $0 > "/dev/stderr"; bad = 1; next }
    base = dep[key]; extra = trim(substr($0, index($0, "=") + 1))
    sub(/^\{[ \t]*/, "", extra); sub(/[ \t]*\}$/, "", extra)
    sub(/workspace[ \t]*=[ \t]*true[ \t]*,?[ \t]*/, "", extra)
    if (extra ~ /features/) { print "cannot merge features yet: " $0 > "/dev/stderr"; bad = 1; next }
    if (base ~ /^"/) base = "{ version = " base " }"
    if (extra != "") { sub(/[ \t]*\}$/, "", base); base = base ", " extra " }" }
    print key " = " base; next
  }
  { print }
  END { exit bad }
' listings/Cargo.toml >"$out/Cargo.toml" || fail "could not resolve the workspace inheritance of listings/Cargo.toml"
if grep -n 'workspace' "$out/Cargo.toml"; then fail "a workspace reference is left in the generated Cargo.toml"; fi
printf '\n# A workspace of its own, outside the book repository.\n[workspace]\n' >>"$out/Cargo.toml"
# The root's [profile.*] tables too (little debug info), so that a build of
# the archive takes the disk a build of the book's listings does.
awk '/^\[/ { keep = /^\[profile/ } keep' Cargo.toml >>"$out/Cargo.toml"
grep -q '^\[profile' "$out/Cargo.toml" || fail "the root Cargo.toml's [profile.*] tables were not copied"

# Cargo.lock: the repository's, pruned by Cargo (offline first: after a build
# of the repository every package is in the local registry cache).
cp Cargo.lock "$out/Cargo.lock"
if ! cargo metadata --format-version 1 --offline --manifest-path "$out/Cargo.toml" >/dev/null 2>"$tmp/metadata.log" &&
  ! cargo metadata --format-version 1 --manifest-path "$out/Cargo.toml" >/dev/null 2>"$tmp/metadata.log"; then
  cat "$tmp/metadata.log" >&2
  fail "cargo could not resolve the listings workspace"
fi
# Every locked package must keep the version the repository tests with.
lock_pairs() { awk '/^name = /{ n = $3 } /^version = /{ print n, $3 }' "$1" | sort -u; }
changed=$(comm -23 <(lock_pairs "$out/Cargo.lock") <(lock_pairs Cargo.lock))
[[ -z $changed ]] || fail "the pruned Cargo.lock has versions the repository does not lock: $changed"

cat >"$out/README.md" <<'EOF'
# Async Rust by Hand: the listings

Every program of the book, as a Cargo workspace of its own. Each listing's
caption in the book names its file and the command that runs it, for example:

```sh
cargo run --example checkout_by_hand
cargo test
```

`output/NAME.txt` holds what each example prints (its first line is the
command); `compile-fail/` holds the listings that must not compile, with the
compiler's message as recorded with Rust 1.95. `Cargo.lock` pins the versions
the book was tested with.

`exercises/` holds the starters of the book's exercises, with `todo!()` where
your answer goes. Each chapter names its exercise's test; with the feature
`starter` the crate compiles your starter in place of the book's solution:

```sh
cargo test --features starter --test exercise_and_then
```
EOF

# The generated files get the newest time of their inputs, so that the
# archive is the same bytes for the same sources.
newest=$(stat -c '%Y %n' Cargo.toml Cargo.lock listings/Cargo.toml rustfmt.toml | sort -rn | head -n1 | cut -d' ' -f2-)
touch -r "$newest" "$out/Cargo.toml" "$out/Cargo.lock" "$out/README.md" "$out"

tar -C "$tmp" --sort=name --owner=0 --group=0 --numeric-owner --format=gnu -cf - "$name" | gzip -n -9 >"$tmp/$name.tar.gz"
mv "$tmp/$name.tar.gz" "$dest/$name.tar.gz"
echo "ci/listings-archive.sh: wrote $dest/$name.tar.gz ($(du -k "$dest/$name.tar.gz" | cut -f1) KiB, $(tar -tzf "$dest/$name.tar.gz" | grep -vc '/$') files)"
