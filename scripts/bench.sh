#!/usr/bin/env bash
# The benchmark (issue 7): parcours against ajv, zod and valibot on the same entry
# questionnaire, in Node and in headless Chromium, its load cost and shipped size, and
# the native core's throughput; prints one Markdown table with the targets.
#
#   bash scripts/bench.sh            # full run, about 3 minutes after the build
#   bash scripts/bench.sh --quick    # seconds: proves the harness runs (scripts/test.sh)
#   bash scripts/bench.sh --no-build # keep pkg/ as it is
#
# Steps: setup and build (scripts/setup.sh, scripts/build.sh), the peers bundled with
# their schemas (bench/bundle.mjs), the native harness (bench/native), Node
# (bench/node.mjs, with --single-threaded-gc: on 2-core machines Node's parallel GC
# makes some runs twice as slow), Chromium (bench/browser.mjs), the table
# (bench/report.mjs). Results: target/bench/*.json and target/bench/results.md.
# BENCHMARKS.md says how to read them and why each missed target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

quick=""
build=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=--quick ;;
    --no-build) build="" ;;
    *) echo "usage: scripts/bench.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

step() { printf '\n== bench: %s\n' "$*" >&2; }
mkdir -p target/bench

if [ -n "$build" ]; then
  bash scripts/setup.sh >&2
  step "build the package"
  bash scripts/build.sh >&2
fi

step "bundle the peers with their schemas"
node bench/bundle.mjs >/dev/null

step "native core"
cargo build --release --quiet --manifest-path bench/native/Cargo.toml --target-dir target/bench-native
if [ -n "$quick" ]; then
  target/bench-native/release/parcours-bench-native --samples 3 --sample-ms 5 >target/bench/native.json
else
  target/bench-native/release/parcours-bench-native >target/bench/native.json
fi

step "Node"
node --single-threaded-gc bench/node.mjs $quick --out target/bench/node.json

step "Chromium"
node --single-threaded-gc bench/browser.mjs $quick --out target/bench/chromium.json

step "results"
node bench/report.mjs

if [ -z "$quick" ]; then
  step "parcours lot: 1,000,000 rows natively, 100,000 in www/lot.html"
  bash bench/lot.sh >&2
fi
