#!/usr/bin/env bash
# Builds the book and fails on the two silent failures of mdBook 0.5: an include
# error is only logged (ERROR ...) and the raw {{#...}} directive is left in the
# page, yet `mdbook build` exits 0. Then adds the downloadable listings archive
# to the site (ci/listings-archive.sh).
set -euo pipefail
trap 'echo "ci/book.sh: FAILED (command at line $LINENO exited $?)" >&2' ERR
cd "$(dirname "$0")/.."
echo "== ci/book.sh: mdbook build; fail on any mdBook ERROR line or leftover {{#...}} directive in book/html"

source ci/tools.sh
need_book_tools

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# mdBook logs on stderr; keep showing it, and keep a copy to inspect.
rc=0
mdbook build 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
if [[ $rc -ne 0 ]]; then
  echo "ci/book.sh: FAILED: mdbook build exited with $rc" >&2
  exit 1
fi

# Leftover directives. mdBook renders an escaped `\{{#include x}}` as the literal
# text `{{#include x}}`, exactly like a directive it failed to expand, so the
# HTML alone cannot tell them apart. For each chapter page, a directive is
# excused only as many times as its source chapter spells it escaped (`\{{#`).
#   - searchindex*.js/json hold raw text and are not *.html: not searched.
#   - print.html repeats every chapter, and index.html repeats the first one
#     (unless src/ has its own index.md/README.md): skipped, the chapter pages
#     carry the same text.
#   - Any other page without a source chapter gets no excuse.
html_unescape() { sed -e 's/&quot;/"/g' -e "s/&#39;/'/g" -e "s/&#x27;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'; }
directive_re='\{\{[[:space:]]*#[^}]*(\}\})?'
bad=0
while IFS= read -r page; do
  rel=${page#book/html/}
  src=src/${rel%.html}.md
  if [[ ! -f $src && $(basename "$rel") == index.html ]]; then
    src=$(dirname "src/$rel")/README.md
  fi
  if [[ ! -f $src ]]; then
    case $rel in
      print.html|index.html) continue ;;
    esac
    src=
  fi
  # Each distinct directive text on this page, with how often it occurs.
  while IFS= read -r directive; do
    [[ -n $directive ]] || continue
    shown=$(grep -oE "$directive_re" "$page" | html_unescape | grep -cxF -- "$directive" || true)
    escaped=0
    if [[ -n $src ]]; then
      escaped=$(grep -oF -- "\\$directive" "$src" | wc -l || true)
    fi
    if (( shown > escaped )); then
      bad=1
      echo "ci/book.sh: leftover directive in $page (not escaped in ${src:-any source chapter}):" >&2
      grep -nF -- "$directive" <(html_unescape <"$page") | sed "s|^|  $page:|" | cut -c1-240 >&2
      if [[ -n $src ]]; then
        grep -nF -- "$directive" "$src" | grep -vF -- "\\$directive" | sed "s|^|  $src:|" >&2 || true
      fi
    fi
  done < <(grep -oE "$directive_re" "$page" | html_unescape | sort -u)
done < <(grep -rlE '\{\{[[:space:]]*#' book/html --include='*.html' | sort)

# mdBook logs each include error once per backend; show each once.
if grep -q 'ERROR' "$log"; then
  echo "ci/book.sh: mdbook build exited 0 but logged errors:" >&2
  grep 'ERROR' "$log" | awk '!seen[$0]++' >&2
  bad=1
fi
if [[ $bad -ne 0 ]]; then
  echo "ci/book.sh: FAILED: mdBook errors or unexpanded {{#...}} directives (a missing include file, or a typo in a directive)" >&2
  exit 1
fi

# The downloadable listings archive that src/introduction.md links to.
bash ci/listings-archive.sh book/html
echo "ci/book.sh: ok: book/html built with no mdBook errors and no leftover directives, with the listings archive"
