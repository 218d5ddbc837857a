#!/usr/bin/env bash
# Lints the GitHub Actions workflows (.github/workflows/*.yml) with actionlint,
# pinned in ci/tools.sh: syntax, expressions, job needs, permissions, action
# inputs and deprecated action runtimes; with shellcheck on PATH, also the
# `run:` scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== ci/workflows.sh: actionlint .github/workflows/*.yml"
source ci/tools.sh
need actionlint
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
[[ ${#workflows[@]} -gt 0 ]] || { echo "ci/workflows.sh: FAILED: no workflow in .github/workflows" >&2; exit 1; }
if command -v shellcheck >/dev/null 2>&1; then
  note="with shellcheck $(shellcheck --version | sed -n 's/^version: //p') on run: steps"
else
  note="without shellcheck (not on PATH), so run: steps are not linted"
fi
echo "ci/workflows.sh: $(actionlint --version | head -n1), $note"
if ! actionlint -no-color "${workflows[@]}"; then
  echo "ci/workflows.sh: FAILED: fix the workflow findings above" >&2
  exit 1
fi
echo "ci/workflows.sh: ok: ${workflows[*]}"
