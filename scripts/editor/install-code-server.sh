#!/usr/bin/env bash
# Installs what the editor tests need: Debian's Chromium and ripgrep (plus the headers code-server's
# native modules build against) and code-server 4.100.3 from the npm registry, into a cache dir
# outside the git tree. Idempotent: a marker file written only after the editor has started once
# makes later runs return in well under a second.
#
# Why not `npm install -g code-server`: its postinstall refuses root without `unsafe-perm` (gone
# from npm 11), @vscode/ripgrep downloads from GitHub (unreachable here; Debian's rg serves), and
# the repo's .npmrc sets yes=false so the node-gyp `npx` call inside node-pty's rebuild would refuse.
#
# Usage: scripts/editor/install-code-server.sh          (prints the code-server path on its last line)
# Env:   TAGTRAIL_EDITOR_CACHE  install dir (default $HOME/.cache/tagtrail-code-server)
set -euo pipefail

VERSION=4.100.3
CACHE="${TAGTRAIL_EDITOR_CACHE:-$HOME/.cache/tagtrail-code-server}"
MARKER="$CACHE/.tagtrail-install-complete"
BIN="$CACHE/node_modules/.bin/code-server"
VSCODE="$CACHE/node_modules/code-server/lib/vscode"
APT_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

fail() { echo "install-code-server: $*" >&2; echo "install-code-server: the editor tests cannot run without code-server and Chromium." >&2; exit 1; }
say() { echo "install-code-server: $*" >&2; }

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$VERSION" && -x "$BIN" && -x /usr/bin/chromium ]]; then
  say "code-server $VERSION already installed in $CACHE"
  echo "$BIN"
  exit 0
fi

# --- Debian packages -------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  as_root=()
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

# --- code-server -----------------------------------------------------------------------------
# Each step leaves an artefact; a step whose artefact is present is skipped, so that an install
# interrupted half-way (or done by hand with the same recipe) resumes instead of starting over.
mkdir -p "$CACHE"
if [[ ! -f "$CACHE/node_modules/code-server/package.json" ]]; then
  say "npm install code-server@$VERSION into $CACHE"
  npm install --prefix "$CACHE" --ignore-scripts --no-audit --no-fund "code-server@$VERSION" >&2 || fail "npm install code-server@$VERSION failed"
fi
installed=$(node -p "require('$CACHE/node_modules/code-server/package.json').version")
[[ "$installed" == "$VERSION" ]] || fail "$CACHE holds code-server $installed, expected $VERSION; remove $CACHE and retry"

if [[ ! -f "$VSCODE/node_modules/node-pty/build/Release/pty.node" ]]; then
  say "installing VS Code's own dependencies and rebuilding native modules"
  (
    cd "$VSCODE"
    npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm_config_yes=true npm rebuild >&2
  ) || fail "building VS Code's native modules failed (are libkrb5-dev, libx11-dev, libxkbfile-dev, libsecret-1-dev and a C++ compiler present?)"
fi
[[ -x "$VSCODE/node_modules/@vscode/ripgrep/bin/rg" ]] || { mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"; cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"; }
ln -sfn node_modules "$VSCODE/node_modules.asar"

if [[ ! -d "$VSCODE/extensions/node_modules" ]]; then
  say "installing the built-in extensions' dependencies"
  (cd "$VSCODE/extensions" && npm install --omit=dev --no-audit --no-fund >&2) || fail "npm install in $VSCODE/extensions failed"
fi
(cd "$VSCODE/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$VSCODE/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

if ! find "$CACHE/node_modules/argon2" -name argon2.node -path '*Release*' 2>/dev/null | grep -q .; then
  say "rebuilding argon2"
  (cd "$CACHE" && npm_config_yes=true npm rebuild argon2 >&2) || fail "npm rebuild argon2 failed"
fi

# --- prove it starts, then mark complete -----------------------------------------------------
say "checking that code-server starts"
scratch=$(mktemp -d)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$BIN" --auth none --bind-addr "127.0.0.1:$port" --config "$scratch/config.yaml" \
  --user-data-dir "$scratch/user" --extensions-dir "$scratch/ext" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$scratch" >"$scratch/log" 2>&1 &
pid=$!
ok=
for _ in $(seq 1 60); do
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
  fail "code-server did not serve its workbench within 30 s (log above)"
fi
rm -rf "$scratch"
echo "$VERSION" >"$MARKER"
say "code-server $VERSION ready in $CACHE"
echo "$BIN"
