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

# build OUT TARGET NAME [cargo args]: one module of the binding crate
# (crates/parcours-wasm, whose features forward the core's), optimised by wasm-opt.
build() {
  local out=$1 target=$2 name=$3
  shift 3
  # wasm-opt is off in Cargo.toml's wasm-pack metadata: wasm-pack would download it.
  # The release profile is tuned for native speed (Cargo.toml); the module for size.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z wasm-pack --quiet build crates/parcours-wasm --release --target "$target" --out-dir "$PWD/$out" --out-name "$name" --no-pack -- "$@"
  # --low-memory-unused: Rust's linker puts the 1 MB stack first, so the low 1 KB of
  # memory is never addressed and wasm-opt may fold constant offsets into loads and
  # stores; --converge reruns -Oz while it still shrinks the module; the
  # target_features section is for tools, not engines. 0.6 to 0.9 KB gzip per module.
  # --one-caller-inline-max-function-size=10: a function called from one place is
  # inlined there only when tiny; inlining the larger ones made the module larger once
  # gzipped (2.6 KB of parcours), with no slower keystroke or check in Node
  # (BENCHMARKS.md, "Run 7: sizes").
  "$wasm_opt" -Oz --low-memory-unused --one-caller-inline-max-function-size=10 --converge \
    --strip-debug --strip-producers --strip-target-features \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  node scripts/inline-snippet.mjs "$out" "$name"
  rm -f "$out/.gitignore"
}
# Only what changed is rebuilt (scripts/demo.sh starts in a second when nothing did):
# a hash of the module's inputs and one of the kit's, against stamps in pkg/.
# PARCOURS_REBUILD=1 rebuilds everything.
hash_of() {
  { find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1
}
module_hash=$({ hash_of src crates/parcours-wasm programmes build.rs Cargo.toml Cargo.lock scripts/build.sh scripts/inline-snippet.mjs; rustc -V; wasm-bindgen --version; } | sha256sum | cut -d' ' -f1)
kit_hash=$(hash_of js scripts/package.mjs CHANGELOG.md)
stamp_is() { [ "${PARCOURS_REBUILD:-}" != 1 ] && [ -f "pkg/.$1-stamp" ] && [ "$(cat "pkg/.$1-stamp")" = "$2" ]; }
built=true
for f in pkg/web/parcours_bg.wasm pkg/web/parcours_full_bg.wasm pkg/web/parcours_lot_bg.wasm pkg/web/parcours_programmes_bg.wasm pkg/node/parcours_bg.wasm; do [ -f "$f" ] || built=false; done

if $built && stamp_is module "$module_hash"; then
  echo "build: the module is up to date (src/, programmes/, Cargo.* unchanged)"
else
  rm -f pkg/.module-stamp pkg/.kit-stamp
  # The browser gets two modules: parcours (questionnaire, eligibility, entry file: what
  # most forms load) and parcours_full (every check, exits and follow-up included).
  build pkg/web web parcours --no-default-features
  build target/pkg-full web parcours_full
  mv target/pkg-full/parcours_full* pkg/web/
  # A third, parcours_lot (the questionnaire's checks and the `Lot` export reader), for
  # www/lot.html alone: the other two do not grow.
  build target/pkg-lot web parcours_lot --no-default-features --features lot
  mv target/pkg-lot/parcours_lot* pkg/web/
  # A fourth, parcours_programmes (every check, and registerProgramme/checkProgramme:
  # serde_json reads the file), for the pages that load a programme file at run time
  # (docs/programmes.md); the other three do not grow.
  build target/pkg-programmes web parcours_programmes --features register
  mv target/pkg-programmes/parcours_programmes* pkg/web/
  # Node gets every check, and registerProgramme.
  build pkg/node nodejs parcours --features register
  echo "$module_hash" > pkg/.module-stamp
fi
# www/lot.html's unzipper for workbooks (lot-worker.js imports it only when a workbook
# is chosen), vendored from node_modules: served by the project's own server under
# /vendor/, never from a CDN. Not part of the npm package (pkg/web).
mkdir -p pkg/vendor
cp node_modules/fflate/esm/browser.js pkg/vendor/fflate.js
if stamp_is kit "$kit_hash"; then
  echo "build: the kit and the package are up to date (js/ unchanged)"
else
  cp js/*.js js/*.d.ts pkg/web/
  node scripts/package.mjs
  echo "$kit_hash" > pkg/.kit-stamp
fi
