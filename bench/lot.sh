#!/usr/bin/env bash
# `parcours lot` (issue 16), native and in Chromium, on generated exports:
#   - the release binary on 1,000,000 rows, 1 and 2 threads: wall time, CPU time and
#     peak resident memory (/usr/bin/time -v), best of RUNS;
#   - www/lot.html on 100,000 rows (bench/lot-browser.mjs): time from the click to the
#     results, and progress updates a second.
# Needs the package built (scripts/build.sh). BENCHMARKS.md records the figures.
#
#   bash bench/lot.sh [RUNS]      # default 3; results in target/bench/lot-*.txt
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
runs=${1:-3}
dir=target/bench/lot
mkdir -p "$dir"
cargo build --release --quiet --bin parcours
[ -f "$dir/big.csv" ] || node scripts/generate-export.mjs --rows 1000000 --seed 3 --phase entry --out "$dir/big.csv" --manifest "$dir/big.json"
: >target/bench/lot-native.txt
for threads in 1 2; do
  for run in $(seq "$runs"); do
    /usr/bin/time -f "threads=$threads run=$run wall=%e user=%U sys=%S maxrss_kb=%M" \
      target/release/parcours lot "$dir/big.csv" --phase entry --reference-date 2025-12-31 --out "$dir/out" --threads "$threads" \
      >/dev/null 2>>target/bench/lot-native.txt || true
  done
done
grep threads= target/bench/lot-native.txt
node bench/lot-browser.mjs --rows 100000 --runs "$runs" | tee target/bench/lot-browser.txt
