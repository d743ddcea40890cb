#!/usr/bin/env bash
# Installs what building and testing need, from the package registries only, and
# skips whatever is already there: the wasm32 target, wasm-bindgen-cli at the version
# in Cargo.lock, wasm-pack, Debian's chromium and chromium-driver, npm packages from
# package-lock.json. Nothing downloads a browser or a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

step() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
want=$(wasm_bindgen_version)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  # Not --locked: the registry here lacks a version one of its locked dependencies needs.
  step "cargo install wasm-bindgen-cli $want (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$want" --force
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  step "cargo install wasm-pack (about 2 minutes)"
  cargo install wasm-pack
fi

if [ "${PARCOURS_NO_BROWSER:-}" != 1 ] && { ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; }; then
  step "apt-get install chromium chromium-driver"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi
