#!/usr/bin/env bash
# Runs every test, installing what it needs first (scripts/setup.sh):
#   1. format and lint (cargo fmt --check, cargo clippy -D warnings);
#   2. native: unit tests, the rule cases, the incremental-form property, doc tests;
#   3. the same cases through the WebAssembly binding, in Node, then in Chromium;
#   4. the shipped package (scripts/build.sh, with its size check): its TypeScript
#      declarations (tsc --noEmit), the Node build against the CLI on every case,
#      hostile inputs;
#   4b. a few seconds of every fuzz target (scripts/fuzz.sh) and of the benchmark
#      harness (scripts/bench.sh --quick), so both keep building and running;
#   5. a Vite app that imports the package, built and run in Chromium (tests/vite-app);
#   6. the pages and the shipped browser build in headless Chromium (tests/e2e): the
#      demo pages, the embedding kit on the legacy portal, accessibility (axe-core,
#      keyboard), the strict CSP and no request beyond the page's own server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh

section() { printf '\n== %s\n' "$*"; }

section "format and lint"
cargo fmt --all --check
# The workspace (Cargo.toml): the core at the top, crates/parcours-wasm (the binding)
# and crates/parcours-cli (the command-line program); native commands at the top
# cover all three. The command-line program is never built for wasm32, hence -p.
cargo clippy --all-targets --quiet -- -D warnings
wasm=(--target wasm32-unknown-unknown -p parcours -p parcours-wasm)
cargo clippy "${wasm[@]}" --lib --quiet -- -D warnings
# The browser's smaller module (no exits, follow-up, portfolio) and the export page's
# (lot) build and lint too.
cargo clippy "${wasm[@]}" --lib --no-default-features --quiet -- -D warnings
cargo clippy "${wasm[@]}" --lib --no-default-features --features lot --quiet -- -D warnings
# registerProgramme: the package's parcours_programmes module and Node's build.
cargo clippy "${wasm[@]}" --lib --features register --quiet -- -D warnings

section "native tests (the core, the command-line program, the binding's own)"
cargo test --quiet

section "wasm tests in Node"
cargo test --target wasm32-unknown-unknown -p parcours-wasm --test wasm_cases
cargo test --target wasm32-unknown-unknown -p parcours-wasm --no-default-features --features lot --test wasm_lot
cargo test --target wasm32-unknown-unknown -p parcours-wasm --features register --test wasm_programmes

section "wasm tests in Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown -p parcours-wasm --test wasm_cases

section "package build"
bash scripts/build.sh

section "TypeScript: the package's declarations and a page's use of them (tsc --noEmit)"
# tests/ts/tsconfig.json: pkg/*/parcours*.d.ts (written from the Rust types by
# crates/parcours-wasm/build.rs), the kit's, and tests/ts/example.ts.
node_modules/.bin/tsc -p tests/ts

section "package tests in Node"
node --test --test-timeout=120000 tests/js/

section "fuzz targets: smoke run (the campaign: bash scripts/fuzz.sh SECONDS)"
bash scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-5}"

section "benchmark harness: smoke run (the figures: bash scripts/bench.sh)"
bash scripts/bench.sh --quick --no-build >/dev/null

section "bundler app (tests/vite-app: Vite build of the package, in Chromium)"
# Links ../../pkg as node_modules/parcours, as an integrator's npm would; offline.
(cd tests/vite-app && npm install --offline --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error)
node --test --test-timeout=120000 tests/vite-app/

section "pages and package in Chromium"
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
