#!/usr/bin/env bash
# Builds the release and runs one data benchmark (bench/<name>.py) against a private PostgreSQL
# that is thrown away afterwards. Loopback only; every loop is bounded in time.
# Usage: bench/with-db.sh events|feed|places|chat [options for the script]
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"
case "$name" in
  events|feed|places|chat) shift ;;
  *) echo "usage: bench/with-db.sh events|feed|places|chat [options]" >&2; exit 2 ;;
esac
scripts/setup.sh run
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kindred/target}"
export SQLX_OFFLINE=true
unset RUSTFLAGS
cargo leptos build --release --split
venv="$HOME/.cache/kindred/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check brotli==1.1.0 argon2-cffi==23.1.0 "psycopg[binary]==3.2.3" websockets==13.1
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/kindred-bench-pg.XXXXXX")"
chmod 755 "$pgdir"
KINDRED_DATA_DIR="$pgdir/data" KINDRED_PG_FAST=1 "$CARGO_TARGET_DIR/release/kindred" db >"$pgdir/db.log" 2>&1 &
dbpid=$!
trap 'kill -TERM $dbpid 2>/dev/null; wait $dbpid 2>/dev/null; rm -rf "$pgdir"' EXIT
for _ in $(seq 1 120); do
  grep -q '^DATABASE_URL=' "$pgdir/db.log" && break
  sleep 0.5
done
url="$(grep -m1 '^DATABASE_URL=' "$pgdir/db.log" | cut -d= -f2-)"
"$venv/bin/python" "bench/$name.py" --binary "$CARGO_TARGET_DIR/release/kindred" --database-url "$url" "$@"
