#!/usr/bin/env bash
# Checks every internal link and #anchor of the book; never touches the web.
#  1. mdbook-linkcheck2, made a required backend for this build only through
#     mdBook's env overrides (MDBOOK_OUTPUT__LINKCHECK2__OPTIONAL=false ->
#     output.linkcheck2.optional = false). It checks that linked files exist and
#     are chapters of the book, and reports file:line.
#  2. mdbook-linkcheck2 0.13 does not check #fragments at all (linkcheck2 0.10
#     logs "fragment resolution isn't implemented"), so the second half of this
#     script does: every `](target#frag)`, `[ref]: target#frag` and
#     `href="target#frag"` in src/**/*.md must name an id="frag" in the page
#     mdBook rendered for target.
#  3. Links to generated downloads (*.tar.gz, excluded from mdbook-linkcheck2 in
#     book.toml) must name a file that ci/listings-archive.sh wrote to book/html.
set -euo pipefail
trap 'echo "ci/links.sh: FAILED (command at line $LINENO exited $?)" >&2' ERR
cd "$(dirname "$0")/.."
echo "== ci/links.sh: internal links (mdbook-linkcheck2, required) and #anchors (against book/html ids); no web"

source ci/tools.sh
need_book_tools
need linkcheck2

failed=0

# --- 1. files --------------------------------------------------------------
rm -rf book/html
export MDBOOK_OUTPUT__LINKCHECK2__OPTIONAL=false
export MDBOOK_OUTPUT__LINKCHECK2__FOLLOW_WEB_LINKS=false
# Warnings (a `[reference]` with no URL, an absolute `/x.md` link that breaks
# under the site's sub-path) are errors too.
export MDBOOK_OUTPUT__LINKCHECK2__WARNING_POLICY=error
if ! RUST_BACKTRACE=0 mdbook build; then
  echo "ci/links.sh: mdbook build with the linkcheck2 backend failed (see the diagnostics above)" >&2
  failed=1
fi

# --- 2. anchors ------------------------------------------------------------
# Prints "file<TAB>line<TAB>target" for each link target with a '#', outside
# fenced code blocks and inline code spans.
links_with_fragments() {
  awk '
    FNR == 1 { fence = "" }
    {
      line = $0
      if (match(line, /^[ \t]*(```+|~~~+)/)) {
        mark = substr(line, RSTART, RLENGTH); gsub(/[ \t]/, "", mark)
        if (fence == "") { fence = mark; next }
        rest = substr(line, RSTART + RLENGTH)
        if (substr(mark, 1, 1) == substr(fence, 1, 1) && length(mark) >= length(fence) && rest ~ /^[ \t]*$/) { fence = ""; next }
      }
      if (fence != "") next
      gsub(/`[^`]*`/, "", line)
      text = line
      while (match(line, /\]\(<?[^()<> \t]*#[^()<> \t]*>?/)) {
        t = substr(line, RSTART + 2, RLENGTH - 2); gsub(/[<>]/, "", t)
        print FILENAME "\t" FNR "\t" t
        line = substr(line, RSTART + RLENGTH)
      }
      line = text
      if (match(line, /^ *\[[^]]+\]:[ \t]*<?[^ \t<>]*#[^ \t<>]*/)) {
        t = substr(line, RSTART, RLENGTH); sub(/^[^]]*\]:[ \t]*<?/, "", t)
        print FILENAME "\t" FNR "\t" t
      }
      line = text
      while (match(line, /href="[^"]*#[^"]*"/)) {
        t = substr(line, RSTART + 6, RLENGTH - 7)
        print FILENAME "\t" FNR "\t" t
        line = substr(line, RSTART + RLENGTH)
      }
    }' "$@"
}

mapfile -t chapters < <(find src -name '*.md' | sort)
if [[ -f book/html/index.html ]]; then
  anchors=0
  bad_anchors=0
  while IFS=$'\t' read -r file line target; do
    # https:, mailto: ... and //host are not ours (follow-web-links = false).
    if [[ $target =~ ^([a-zA-Z][a-zA-Z0-9+.-]*:|//) ]]; then continue; fi
    path=${target%%#*}
    frag=${target#*#}
    frag=$(printf '%b' "${frag//%/\\x}")   # percent-decode
    if [[ -z $path ]]; then
      page=${file#src/}
    else
      page=$(realpath -m --relative-to=src "$(dirname "$file")/$path")
    fi
    case $page in
      README.md|*/README.md) page=${page%README.md}index.html ;;
      *.md) page=${page%.md}.html ;;
    esac
    anchors=$((anchors + 1))
    if [[ ! -f book/html/$page ]]; then
      echo "$file:$line: broken link '$target': book/html/$page was not rendered" >&2
      bad_anchors=$((bad_anchors + 1))
    elif ! grep -qF "id=\"$frag\"" "book/html/$page"; then
      echo "$file:$line: broken anchor '$target': no id=\"$frag\" in book/html/$page" >&2
      bad_anchors=$((bad_anchors + 1))
    fi
  done < <(links_with_fragments "${chapters[@]}")
  if [[ $bad_anchors -ne 0 ]]; then
    echo "ci/links.sh: $bad_anchors of $anchors #anchor links are broken" >&2
    failed=1
  else
    echo "ci/links.sh: all $anchors #anchor links resolve"
  fi
else
  echo "ci/links.sh: book/html was not rendered, so #anchors could not be checked" >&2
  failed=1
fi

# --- 3. generated downloads ---------------------------------------------
# The listings archive exists only in the built site, so book.toml excludes it
# from mdbook-linkcheck2; write it into book/html as ci/book.sh does and check
# that every link to a *.tar.gz resolves to a file there.
if [[ -f book/html/index.html ]]; then
  bash ci/listings-archive.sh book/html >/dev/null
  downloads=0
  while IFS=: read -r file line target; do
    target=${target#](}; target=${target%)}
    [[ $target =~ ^([a-zA-Z][a-zA-Z0-9+.-]*:|//) ]] && continue
    page=$(realpath -m --relative-to=src "$(dirname "$file")/$target")
    downloads=$((downloads + 1))
    if [[ ! -f book/html/$page ]]; then
      echo "$file:$line: broken download link '$target': book/html/$page was not generated" >&2
      failed=1
    fi
  done < <(grep -rnoE '\]\([^)[:space:]]+\.tar\.gz\)' src --include='*.md' || true)
  echo "ci/links.sh: checked $downloads link(s) to generated downloads"
fi

if [[ $failed -ne 0 ]]; then
  echo "ci/links.sh: FAILED: broken links or anchors (see above)" >&2
  exit 1
fi
echo "ci/links.sh: ok: every internal link and #anchor resolves"
