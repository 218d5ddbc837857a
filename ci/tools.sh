# shellcheck shell=bash
# The one place where this project pins and installs its tools.
#
#   source ci/tools.sh; need mdbook      # install if missing, put it first on PATH
#   bash ci/tools.sh [mdbook linkcheck2 typos]   # install (all by default)
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
    *) echo "ci/tools.sh: unknown tool '$1' (known: mdbook linkcheck2 typos)" >&2; return 1 ;;
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

# Run directly: install the named tools (default: all of them).
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  [[ $# -gt 0 ]] || set -- mdbook linkcheck2 typos
  echo "== ci/tools.sh: installing pinned tools into $ASYNC_BY_HAND_TOOLS: $*"
  for tool in "$@"; do
    need "$tool"
    echo "ok: $tool -> $(command -v "$(tool_pin "$tool" | cut -d' ' -f3)")"
  done
fi
