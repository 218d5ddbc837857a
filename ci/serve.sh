#!/usr/bin/env bash
# Shows the book: builds it, serves it on http://localhost:3000 (by default),
# opens a browser if it can, and rebuilds on every change in src/ or listings/.
# Extra arguments go to `mdbook serve` (e.g. `-p 4000`, `-n 0.0.0.0`).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/serve.sh: mdbook serve --open $* (Ctrl-C to stop)"
source ci/tools.sh
need_book_tools
exec mdbook serve --open "$@"
