#!/usr/bin/env bash
# Builds everything and serves the demo pages on 127.0.0.1 (PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
PARCOURS_NO_BROWSER=1 bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
