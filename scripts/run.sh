#!/usr/bin/env bash
# Runs Kindred at http://127.0.0.1:3000 with demo data, installing what is missing first.
# With no DATABASE_URL, Kindred starts its own private PostgreSQL in ./.kindred.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
export SQLX_OFFLINE=true
# --split: pages are lazy routes whose code lives in separate WASM chunks (see src/app.rs).
exec cargo leptos serve --release --split
