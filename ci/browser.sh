#!/usr/bin/env bash
# Browser test of the built book (ci/browser/check.mjs says what it checks):
# builds the book with ci/book.sh, serves book/html on 127.0.0.1 (a port the OS
# picks) and drives a headless Chromium over every chapter of src/SUMMARY.md.
# Screenshots of a listing page (1280 and 390 px wide) go to target/browser/.
#
#   bash ci/browser.sh              # build, then test book/html
#   bash ci/browser.sh --no-build   # test book/html as it is
#
# Needs node (18 or later) and Chromium: $CHROMIUM, else /usr/bin/chromium,
# chromium, google-chrome or chromium-browser, else Debian's chromium (apt-get).
# playwright-core is pinned in ci/browser/package-lock.json and installed with
# `npm ci` into ci/browser/node_modules (ignored by git) when the lock changes.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/browser.sh: every chapter in headless Chromium: loads cleanly, listings highlighted, diagrams and plots drawn, search, print page, no overflow at 1280/390 px"

fail() { echo "ci/browser.sh: FAILED: $*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

build=1
[[ ${1-} == --no-build ]] && build=0

if [[ $build -eq 1 ]]; then
  log=$(mktemp)
  bash ci/book.sh >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; fail "ci/book.sh failed"; }
  rm -f "$log"
fi
[[ -f book/html/index.html ]] || fail "book/html is not built (run bash ci/book.sh)"

# --- Chromium ----------------------------------------------------------------
browser=${CHROMIUM:-}
if [[ -z $browser ]]; then
  for candidate in /usr/bin/chromium chromium google-chrome chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
  done
fi
if [[ -z $browser ]]; then
  echo "ci/browser.sh: no Chromium found; installing Debian's chromium with apt-get" >&2
  { as_root apt-get update -qq && as_root apt-get install -y -qq chromium >/dev/null; } ||
    fail "could not install chromium (set CHROMIUM=/path/to/chrome to use another one)"
  browser=/usr/bin/chromium
fi
export CHROMIUM=$browser

# --- node and playwright-core ------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ci/browser.sh: node or npm not found; installing Debian's nodejs and npm with apt-get" >&2
  { as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm >/dev/null; } || fail "could not install node and npm"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= 18 )) || fail "node $(node --version) is too old; playwright-core needs 18 or later"
stamp=ci/browser/node_modules/.installed-from-lock
lock_sum=$(sha256sum ci/browser/package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_sum" ]]; then
  echo "ci/browser.sh: npm ci (playwright-core as pinned in ci/browser/package-lock.json)"
  (cd ci/browser && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in ci/browser failed"
  echo "$lock_sum" >"$stamp"
fi

echo "ci/browser.sh: $("$browser" --version 2>/dev/null || echo "$browser"), node $(node --version), playwright-core $(node -p 'require("./ci/browser/node_modules/playwright-core/package.json").version')"
# playwright-core starts Chromium with a fresh temporary profile; check.mjs also passes the flags that keep
# Chromium off the network (--disable-background-networking, ...).
if ! node ci/browser/check.mjs --root book/html --summary src/SUMMARY.md --shots target/browser; then
  fail "see the failures above (page: reason)"
fi
echo "ci/browser.sh: ok"
