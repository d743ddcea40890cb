#!/usr/bin/env bash
# Builds the JavaScript package into pkg/: pkg/web (ES module for browsers and
# bundlers) and pkg/node (CommonJS for Node), each with TypeScript declarations,
# optimised by wasm-opt from npm's binaryen, and prints the shipped size. The
# embedding kit (js/: attach() and its declarations, hand-written) goes into pkg/web
# beside the generated parcours.js, which it imports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

wasm_opt=node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "build: run scripts/setup.sh first (no npm binaryen)" >&2; exit 1; }

for target in web nodejs; do
  out=pkg/${target/nodejs/node}
  # wasm-opt is off in Cargo.toml's wasm-pack metadata: wasm-pack would download it.
  wasm-pack --quiet build --release --target "$target" --out-dir "$out" --out-name parcours --no-pack
  "$wasm_opt" -Oz --strip-debug --strip-producers "$out/parcours_bg.wasm" -o "$out/parcours_bg.wasm"
  rm -f "$out/.gitignore"
done
cp js/*.js js/*.d.ts pkg/web/
node scripts/package.mjs
