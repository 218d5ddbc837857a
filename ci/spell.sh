#!/usr/bin/env bash
# Spell-checks the book's prose and programs with typos, pinned in ci/tools.sh.
# Project words live in ci/typos.toml; a real typo is fixed in the text.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(src listings)
if [[ -f README.md ]]; then
  paths+=(README.md)
else
  echo "ci/spell.sh: note: README.md does not exist yet, not checked" >&2
fi
echo "== ci/spell.sh: typos --config ci/typos.toml ${paths[*]}"
source ci/tools.sh
need typos
if ! typos --config ci/typos.toml "${paths[@]}"; then
  echo "ci/spell.sh: FAILED: fix the typos above, or add a genuine project word to ci/typos.toml" >&2
  exit 1
fi
echo "ci/spell.sh: ok: no typos in ${paths[*]}"
