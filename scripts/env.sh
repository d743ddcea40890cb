# Sourced by the other scripts: puts cargo's binaries on PATH and keeps Debian's
# binaryen (whose wasm-opt output fails to load) off it. Never run directly.
export PATH="$HOME/.cargo/bin:$PATH"
if command -v wasm-opt >/dev/null 2>&1 && [ "$(command -v wasm-opt)" = /usr/bin/wasm-opt ]; then
  echo "note: Debian's wasm-opt is on PATH; the build uses npm's binaryen instead" >&2
fi
# wasm-bindgen version pinned by Cargo.lock, the one wasm-bindgen-cli must match.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}
