#!/usr/bin/env bash
# Runs every test: browser tests (Playwright on Debian's Chromium) against a debug build, then
# unit and integration tests (cargo test) on a private PostgreSQL. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
scripts/setup.sh test

# Build output can live outside the checkout, so repeated runs (CI clones afresh) reuse it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kindred/target}"
# Queries are checked against the committed .sqlx/ data; tests/sqlx_offline.rs checks that data.
export SQLX_OFFLINE=true
# cargo-leptos builds debug with `--cfg erase_components`; cargo test gets the same flags
# (below) so it reuses those compiled crates. Outside flags would defeat that.
unset RUSTFLAGS

echo "== building (debug) =="
# --split: pages are lazy routes whose code lives in separate WASM chunks (see src/app.rs).
cargo leptos build --split

# A private PostgreSQL for this run only, thrown away at the end — unless DATABASE_URL points at a
# server to use instead (its user must be allowed to create databases, for #[sqlx::test]).
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/kindred-test-pg.XXXXXX")"
chmod 755 "$pgdir"
dbpid=""
cleanup() {
  if [ -n "$dbpid" ]; then kill -TERM "$dbpid" 2>/dev/null && wait "$dbpid" 2>/dev/null || true; fi
  rm -rf "$pgdir"
}
trap cleanup EXIT
if [ -z "${DATABASE_URL:-}" ]; then
  dblog="$pgdir/kindred-db.log"
  KINDRED_DATA_DIR="$pgdir/data" KINDRED_PG_FAST=1 "$CARGO_TARGET_DIR/debug/kindred" db >"$dblog" 2>&1 &
  dbpid=$!
  for _ in $(seq 1 120); do
    grep -q '^DATABASE_URL=' "$dblog" && break
    kill -0 "$dbpid" 2>/dev/null || { cat "$dblog"; echo "the test database did not start" >&2; exit 1; }
    sleep 0.5
  done
  DATABASE_URL="$(grep -m1 '^DATABASE_URL=' "$dblog" | cut -d= -f2-)"
  export DATABASE_URL
fi

echo "== browser tests (Playwright) =="
# Tests that need a moderator promote one with `kindred set-role`, as an admin would.
export KINDRED_BIN="$CARGO_TARGET_DIR/debug/kindred"
# The server built above, started the way cargo-leptos would start it.
serverlog="$pgdir/kindred-server.log"
# Another server on the port would answer the browser tests instead of this build.
if curl -fsS -o /dev/null http://127.0.0.1:3000/healthz 2>/dev/null; then
  echo "!! something is already serving http://127.0.0.1:3000; stop it before running the tests" >&2
  exit 1
fi
LEPTOS_OUTPUT_NAME=kindred LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_ENV=DEV \
  KINDRED_DEMO_DATA=false KINDRED_SIGNUP_LIMIT_PER_IP=10000 KINDRED_LOGIN_LIMIT_PER_IP=10000 \
  "$CARGO_TARGET_DIR/debug/kindred" >"$serverlog" 2>&1 &
serverpid=$!
cleanup() {
  kill -TERM "$serverpid" 2>/dev/null && wait "$serverpid" 2>/dev/null || true
  if [ -n "$dbpid" ]; then kill -TERM "$dbpid" 2>/dev/null && wait "$dbpid" 2>/dev/null || true; fi
  rm -rf "$pgdir"
}
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null http://127.0.0.1:3000/healthz 2>/dev/null && break
  kill -0 "$serverpid" 2>/dev/null || { cat "$serverlog"; echo "the server did not start" >&2; exit 1; }
  sleep 0.5
done
e2e_status=0
(cd end2end && npx playwright test) || e2e_status=$?
kill -TERM "$serverpid" 2>/dev/null && wait "$serverpid" 2>/dev/null || true
if [ "$e2e_status" != 0 ]; then
  echo "!! browser tests failed (exit $e2e_status); server log: $serverlog" >&2
  tail -n 40 "$serverlog" >&2
fi

echo "== unit and integration tests (cargo test) =="
test_status=0
RUSTFLAGS="--cfg erase_components" cargo test --features ssr --no-fail-fast || test_status=$?

cd "$root"
[ "$e2e_status" = 0 ] && [ "$test_status" = 0 ]
