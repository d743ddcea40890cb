#!/usr/bin/env bash
# Builds what changed and serves the demo pages on 127.0.0.1 (PORT, default 8080).
# When nothing changed since the last build it serves at once (scripts/build.sh keeps
# stamps of its inputs in pkg/; PARCOURS_REBUILD=1 rebuilds everything).
set -euo pipefail
cd "$(dirname "$0")/.."
PARCOURS_NO_BROWSER=1 bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
