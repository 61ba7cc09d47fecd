#!/usr/bin/env bash
# Builds a release (LTO, wasm-release profile) and runs the Foundation benchmarks, printing
# figures for docs/performance.md. Loopback only; every loop is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kindred/target}"
export SQLX_OFFLINE=true
unset RUSTFLAGS
# --split: pages are lazy routes whose code lives in separate WASM chunks (see src/app.rs).
cargo leptos build --release --split
venv="$HOME/.cache/kindred/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check brotli==1.1.0 argon2-cffi==23.1.0
exec "$venv/bin/python" bench/foundation.py --binary "$CARGO_TARGET_DIR/release/kindred" "$@"
