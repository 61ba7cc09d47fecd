#!/usr/bin/env bash
# Regenerates .sqlx/ (offline query data for compile-checked queries) from a live database.
# Usage: DATABASE_URL=postgres://... scripts/sqlx-prepare.sh
# With no DATABASE_URL it runs the private PostgreSQL (`kindred db`) in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  echo "DATABASE_URL is not set" >&2
  exit 2
fi
rm -rf .sqlx && mkdir .sqlx
touch src/lib.rs
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$PWD/.sqlx" cargo check --quiet --features ssr --lib --tests --bin kindred
echo "wrote $(ls .sqlx | wc -l) query files to .sqlx/"
