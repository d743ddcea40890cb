#!/usr/bin/env bash
# Fuzzing campaign: every cargo-fuzz target of fuzz/ (libFuzzer), one after the other,
# SECONDS each (default 60), or only the targets named.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]
#   bash scripts/fuzz.sh --list
#
# Installs cargo-fuzz from crates.io when missing (about 40 s). cargo fuzz needs
# nightly-only flags (-Zsanitizer, sanitizer coverage); RUSTC_BOOTSTRAP=1 lets the
# machine's stable toolchain accept them, so no other toolchain is fetched.
# Builds with debug assertions and overflow checks (-a), without AddressSanitizer by
# default: the crate forbids unsafe code, and without ASan twice as many inputs run
# (FUZZ_SANITIZER=address to turn it on). Each input gets 10 s and 2 GB at most, so a
# slow or memory-hungry input counts as a finding too.
#
# Corpora grow in fuzz/corpus/TARGET (kept between runs, not committed); the byte-level
# targets start from the valid records of tests/cases/questionnaire/_bases.json,
# programme_file from the real programme files, and exit, follow_up and portfolio from
# the requests of tests/cases/exits/ and a few kilobytes of fixed bytes (seed_exits).
# A crash stops the campaign with status 1: libFuzzer leaves the input in
# fuzz/artifacts/TARGET/ and the command to reproduce it is printed. Make it a
# regression case (tests/fuzz_regressions.rs) before fixing it.
# Logs: target/fuzz-logs/RUN/TARGET.log (a folder per run); one summary line per target
# at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  printf '\n== fuzz: cargo install cargo-fuzz (about 40 s)\n'
  cargo install cargo-fuzz --locked
fi

if [ "${1:-}" = --list ]; then
  (cd fuzz && cargo fuzz list)
  exit 0
fi

seconds=${1:-60}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET ...]" >&2; exit 2; }
shift || true
mapfile -t all < <(cd fuzz && cargo fuzz list)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

sanitizer=${FUZZ_SANITIZER:-none}
flags=(--debug-assertions --sanitizer "$sanitizer")
# One folder per run, so runs at the same time (a campaign, a test run's smoke run)
# never write into each other's logs.
logs=target/fuzz-logs/$(date -u +%Y%m%dT%H%M%SZ)-$$
mkdir -p "$logs"

printf '\n== fuzz: build (%s targets, sanitizer %s)\n' "${#targets[@]}" "$sanitizer"
if ! (cd fuzz && cargo fuzz build "${flags[@]}") >"$logs/build.log" 2>&1; then
  tail -40 "$logs/build.log" >&2
  echo "fuzz: the targets do not build (log: $logs/build.log)" >&2
  exit 1
fi

# Seeds: the valid base records, one file each, for the targets that read JSON text.
seed() {
  local dir=fuzz/corpus/$1
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  mkdir -p "$dir"
  node -e '
    const bases = require("./tests/cases/questionnaire/_bases.json");
    const fs = require("fs");
    for (const name of ["entry", "exit", "follow_up"]) {
      fs.writeFileSync(`${process.argv[1]}/base-${name}`, JSON.stringify(bases[name]));
      const settings = { ...bases[name] }; delete settings.data;
      fs.writeFileSync(`${process.argv[1]}/settings-${name}`, JSON.stringify(settings));
    }' "$dir"
}

# Seeds of the exit, follow_up and portfolio targets: every request of the exit case
# files (tests/cases/exits/, built as tests/common/mod.rs builds them) as JSON text for
# their text half, and fixed pseudo-random bytes (256 B to 4 KB) for their structured
# generators, which would otherwise start from inputs a few bytes long.
seed_exits() {
  local dir=fuzz/corpus/$1
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  mkdir -p "$dir"
  node -e '
    const fs = require("fs");
    const [dir] = process.argv.slice(1);
    const keys = ["programme", "exit_date", "entry_date", "reference_date", "from", "to",
      "locale", "check", "events", "exits", "referents"];
    let n = 0;
    for (const f of fs.readdirSync("tests/cases/exits").filter((f) => f.endsWith(".json")).sort()) {
      const doc = JSON.parse(fs.readFileSync(`tests/cases/exits/${f}`, "utf8"));
      for (const c of doc.cases ?? []) {
        let r = c.request;
        if (r === undefined) {
          r = structuredClone(doc.request ?? {});
          for (const k of keys) if (k in c) { if (c[k] === null) delete r[k]; else r[k] = c[k]; }
          if (c.exit && typeof c.exit === "object") {
            if (!r.exit || typeof r.exit !== "object") r.exit = {};
            for (const [k, v] of Object.entries(c.exit)) { if (v === null) delete r.exit[k]; else r.exit[k] = v; }
          }
          if (Array.isArray(c.add_events)) r.events = [...(Array.isArray(r.events) ? r.events : []), ...c.add_events];
        }
        fs.writeFileSync(`${dir}/case-${String(n++).padStart(3, "0")}`, JSON.stringify(r));
      }
    }
    let x = 0x2545f491;
    for (let i = 0; i < 25; i++) {
      const b = Buffer.alloc(256 << (i % 5));
      for (let j = 0; j < b.length; j++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[j] = x & 255; }
      if (b[0] === 0x7b || b[0] === 0x5b) b[0] = 0; // "{" or "[" would make it text
      fs.writeFileSync(`${dir}/bytes-${String(i).padStart(2, "0")}`, b);
    }' "$dir"
}

summary=()
status=0
for t in "${targets[@]}"; do
  case "$t" in
    json_input|json_text|check_bytes|settings_schema) seed "$t" ;;
    exit|follow_up|portfolio) seed_exits "$t" ;;
    programme_file)
      mkdir -p "fuzz/corpus/$t"
      for f in programmes/*.json; do [ -e "fuzz/corpus/$t/${f##*/}" ] || cp "$f" "fuzz/corpus/$t/"; done ;;
    *) mkdir -p "fuzz/corpus/$t" ;;
  esac
  printf '\n== fuzz: %s for %s s\n' "$t" "$seconds"
  log=$logs/$t.log
  started=$(date +%s)
  if (cd fuzz && cargo fuzz run "${flags[@]}" "$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
    result=ok
  else
    result=CRASH
    status=1
  fi
  ran=$(( $(date +%s) - started ))
  runs=$(grep -aEo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -aEo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
  corpus=$(ls "fuzz/corpus/$t" | wc -l)
  line="$t: $result, ${ran} s, ${runs} inputs, coverage ${cov}, corpus ${corpus}"
  summary+=("$line")
  echo "$line"
  if [ "$result" = CRASH ]; then
    grep -aE 'panicked at|^thread|ERROR: libFuzzer|Test unit written' -A2 "$log" | head -20 >&2
    echo "reproduce: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run ${flags[*]} $t fuzz/artifacts/$t/<file>)" >&2
  fi
done

printf '\n== fuzz: summary (%s s per target)\n' "$seconds"
printf '%s\n' "${summary[@]}"
exit $status
