#!/usr/bin/env bash
# The chaos benchmark (bench/chaos.py): PostgreSQL killed and restarted under load, and an
# overloaded instance. Builds the release; each run uses its own throw-away data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kindred/target}"
export SQLX_OFFLINE=true
unset RUSTFLAGS
cargo leptos build --release --split
venv="$HOME/.cache/kindred/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
exec "$venv/bin/python" bench/chaos.py --binary "$CARGO_TARGET_DIR/release/kindred" "$@"
