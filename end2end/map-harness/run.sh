#!/usr/bin/env bash
# Serves public/ plus this harness from a temporary directory and runs map.spec.ts against it.
# Usage (from anywhere): bash end2end/map-harness/run.sh [extra playwright args]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
site="$(mktemp -d /tmp/kindred-map-harness.XXXXXX)"
cp -R "$root/public/." "$site/"
cp "$here"/*.html "$here"/harness.js "$here"/harness.css "$site/"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$site.server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site" "$site.server.log"' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$port/map.js" >/dev/null 2>&1 && break
  sleep 0.1
done
cd "$root/end2end"
MAP_HARNESS_URL="http://127.0.0.1:$port" npx playwright test --config map-harness/playwright.config.ts "$@"
