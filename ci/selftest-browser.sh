#!/usr/bin/env bash
# Proves that the browser test (ci/browser/check.mjs) fails, naming the page and
# the reason, on a copy of book/html in a temporary directory (book/html itself
# is never touched) where
#   1. the first chapter logs a deliberate console error,
#   2. a listing page gains a leftover {{#include}} and a code block too wide
#      for the page that does not scroll on its own,
#   3. the first diagram of a chapter with a ```mermaid block has a syntax error,
#   4. a table on the listing page reaches past the page (its wrapper does not
#      scroll),
#   5. the diagram of a second chapter with a ```mermaid block is squeezed to
#      120 px wide, so its text is drawn a few pixels high.
# It checks only those chapters (a trimmed SUMMARY.md), so it takes seconds.
# ci/browser.sh must have run first (it builds book/html and installs
# playwright-core); the clean book passing is ci/browser.sh's own result.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/selftest-browser.sh: the browser test must fail on a console error, a leftover directive, an overflowing code block, a broken diagram, an image that does not draw, a table past the page and diagram text too small to read"

fail() { echo "ci/selftest-browser.sh: FAILED: $*" >&2; exit 1; }
[[ -f book/html/index.html ]] || fail "book/html is not built (run bash ci/browser.sh first)"
[[ -d ci/browser/node_modules/playwright-core ]] || fail "playwright-core is not installed (run bash ci/browser.sh first)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r book/html "$tmp/html"
mkdir "$tmp/src"

mapfile -t chapters < <(grep -oE '\]\([^)#[:space:]]+\.md\)' src/SUMMARY.md | sed -E 's/^\]\((.*)\)$/\1/' | awk '!seen[$0]++')
first=${chapters[0]}
listing=
diagram=
tiny=
for md in "${chapters[@]:1}"; do
  html=book/html/${md%.md}.html
  if [[ -z $listing ]] && grep -q 'class="boring"' "$html" && grep -q 'class="caption"' "$html"; then listing=$md; fi
  if grep -qE '^\s*```+\s*mermaid' "src/$md"; then
    if [[ -z $diagram ]]; then diagram=$md; elif [[ -z $tiny && $md != "$listing" ]]; then tiny=$md; fi
  fi
done
[[ -n $listing ]] || fail "no chapter after the first with a listing with hidden lines in src/SUMMARY.md"
[[ -n $diagram ]] || fail "no chapter after the first with a \`\`\`mermaid block in src/SUMMARY.md"
[[ -n $tiny ]] || fail "no second chapter with a \`\`\`mermaid block in src/SUMMARY.md"
image=
for md in "${chapters[@]:1}"; do
  if [[ $md != "$listing" && $md != "$diagram" && $md != "$tiny" ]] && grep -qE '!\[[^]]*\]\([^)]+\.svg\)' "src/$md"; then image=$md; break; fi
done
[[ -n $image ]] || fail "no chapter with an SVG image (![...](x.svg)) in src/SUMMARY.md"
svg=$(grep -oE '!\[[^]]*\]\([^)]+\.svg\)' "src/$image" | head -n1 | sed -E 's/.*\((.*)\)$/\1/')

# The trimmed book: those chapters (two or three), their sources (for the
# counts of escaped directives and mermaid blocks) and their broken pages.
for md in $(printf '%s\n' "$first" "$listing" "$diagram" "$tiny" "$image" | awk '!seen[$0]++'); do
  mkdir -p "$(dirname "$tmp/src/$md")"
  cp "src/$md" "$tmp/src/$md"
  printf -- '- [%s](%s)\n' "$md" "$md" >>"$tmp/src/SUMMARY.md"
done
page() { echo "$tmp/html/${1%.md}.html"; }

sed -i 's|</body>|<script>console.error("selftest: deliberate console error")</script></body>|' "$(page "$first")"
wide=$(printf 'x%.0s' {1..400})
sed -i "s|<main>|<main><p>{{#include nope.rs}}</p><pre style=\"overflow: visible; white-space: pre\"><code style=\"overflow: visible; display: inline\">$wide</code></pre>|" "$(page "$listing")"
sed -i "s|<main>|<main><div class=\"table-wrapper\" style=\"overflow-x: visible\"><table><tr><td style=\"white-space: nowrap\">${wide//x/y}</td></tr></table></div>|" "$(page "$listing")"
sed -i 's|</head>|<style>pre.mermaid svg { min-width: 0 !important; max-width: 120px !important; }</style></head>|' "$(page "$tiny")"
# Replace the text of the first diagram with one that mermaid cannot parse.
perl -0pi -e 's|(<pre class="mermaid">).*?(</pre>)|$1flowchart LR\n  A --&gt;&gt;&gt; (\n$2|s' "$(page "$diagram")"
: >"$tmp/html/$(dirname "$image")/$svg"   # a plot that no longer draws

rc=0
node ci/browser/check.mjs --root "$tmp/html" --summary "$tmp/src/SUMMARY.md" --shots "$tmp/shots" >"$tmp/out.log" 2>&1 || rc=$?
sed -n '/failure(s):/,$p' "$tmp/out.log"
# Nothing else may fail: every failure line is about one of the broken pages.
others=$(sed -n '/failure(s):/,$p' "$tmp/out.log" | grep '^  ' | grep -vF -e "  ${first%.md}.html: " -e "  ${listing%.md}.html: " -e "  ${diagram%.md}.html: " -e "  ${tiny%.md}.html: " -e "  ${image%.md}.html: " || true)
[[ -z $others ]] || fail "unexpected failures: $others"
[[ $rc -ne 0 ]] || { cat "$tmp/out.log" >&2; fail "check.mjs passed on a broken book"; }

expect() {
  grep -qF -- "$1" "$tmp/out.log" || { cat "$tmp/out.log" >&2; fail "no failure line containing: $1"; }
}
expect "${first%.md}.html: console error: selftest: deliberate console error"
expect "${listing%.md}.html: 1 leftover {{# directive(s)"
expect "${listing%.md}.html: at 390 px: code block 1 (\"xxxx"
expect "is wider than its box and has no scrollbar of its own"
expect "${listing%.md}.html: at 1280 px: code block 1"
expect "${diagram%.md}.html: diagram 1: mermaid drew an error"
expect "${image%.md}.html: image $svg did not load"
expect "${listing%.md}.html: at 390 px: table 1 (\"yyyy"
expect "past the page width"
expect "${tiny%.md}.html: at 390 px: diagram 1: text"
expect "${tiny%.md}.html: at 1280 px: diagram 1: text"
expect "below the legible 11 px"
echo "ci/selftest-browser.sh: ok: the browser test named each broken page and why"
