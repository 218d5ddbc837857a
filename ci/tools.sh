# shellcheck shell=bash
# The one place where this project pins and installs its tools.
#
#   source ci/tools.sh; need mdbook      # install if missing, put it first on PATH
#   source ci/tools.sh; need_book_tools  # mdbook, mdbook-mermaid and its script
#   bash ci/tools.sh [mdbook mermaid linkcheck2 typos]   # install (all by default)
#
# Each tool lives in its own per-version directory, so bumping a pin below
# installs the new version next to the old one and CI caches stay valid:
#   $ASYNC_BY_HAND_TOOLS/<crate>-<version>/bin/<binary>
ASYNC_BY_HAND_TOOLS=${ASYNC_BY_HAND_TOOLS:-$HOME/.cache/async-rust-by-hand/tools}

# tool_pin NAME -> "crate version binary"
tool_pin() {
  case "$1" in
    mdbook)     echo "mdbook 0.5.4 mdbook" ;;
    linkcheck2) echo "mdbook-linkcheck2 0.13.0 mdbook-linkcheck2" ;;
    typos)      echo "typos-cli 1.52.0 typos" ;;
    mermaid)    echo "mdbook-mermaid 0.17.1 mdbook-mermaid" ;;
    *) echo "ci/tools.sh: unknown tool '$1' (known: mdbook mermaid linkcheck2 typos)" >&2; return 1 ;;
  esac
}

need() {
  local pin crate version bin root
  pin=$(tool_pin "$1") || return 1
  read -r crate version bin <<<"$pin"
  root="$ASYNC_BY_HAND_TOOLS/$crate-$version"
  if [[ ! -x "$root/bin/$bin" ]]; then
    echo "ci/tools.sh: $bin not found in $root/bin; installing $crate $version (takes minutes)" >&2
    if ! cargo install --locked "$crate" --version "$version" --root "$root" >&2; then
      echo "ci/tools.sh: FAILED to install $crate $version into $root" >&2
      return 1
    fi
  fi
  PATH="$root/bin:$PATH"
  export PATH
}

# need_book_tools: everything `mdbook build` needs. mdbook-mermaid draws the
# diagrams; the mermaid script it bundles is copied into theme/generated/
# (ignored by git), so the pages render diagrams with no network and the
# script always matches the pinned preprocessor.
need_book_tools() {
  need mdbook || return 1
  need mermaid || return 1
  local repo script
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  script="$repo/theme/generated/mermaid.min.js"
  if [[ ! -s "$script" ]]; then
    local scratch
    scratch=$(mktemp -d)
    printf '[book]\ntitle = "scratch"\n' >"$scratch/book.toml"
    if ! mdbook-mermaid install "$scratch" >/dev/null 2>&1 || [[ ! -s "$scratch/mermaid.min.js" ]]; then
      echo "ci/tools.sh: FAILED to extract mermaid.min.js with mdbook-mermaid install" >&2
      rm -rf "$scratch"
      return 1
    fi
    mkdir -p "$(dirname "$script")"
    cp "$scratch/mermaid.min.js" "$script"
    rm -rf "$scratch"
  fi
}

# Run directly: install the named tools (default: all of them).
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  [[ $# -gt 0 ]] || set -- mdbook mermaid linkcheck2 typos
  echo "== ci/tools.sh: installing pinned tools into $ASYNC_BY_HAND_TOOLS: $*"
  for tool in "$@"; do
    need "$tool"
    echo "ok: $tool -> $(command -v "$(tool_pin "$tool" | cut -d' ' -f3)")"
  done
fi
