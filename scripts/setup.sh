#!/usr/bin/env bash
# Installs what Kindred needs to build and run, skipping whatever is already there.
#   scripts/setup.sh run    tools to build and run the app (release build)
#   scripts/setup.sh test   tools to build and test it (debug build, browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

CARGO_LEPTOS_VERSION=0.3.10
# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

say() { printf '\033[1;35m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  apt_packages+=(postgresql)
fi
if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
  command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
  command -v curl >/dev/null 2>&1 || apt_packages+=(curl)
fi
command -v cc >/dev/null 2>&1 || apt_packages+=(build-essential)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  # Kindred runs its own private cluster; the distribution's service is not needed.
  if printf '%s\n' "${apt_packages[@]}" | grep -qx postgresql; then
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes a while, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$mode" = run ] && ! wasm-opt --version 2>/dev/null | grep -q "version 1[1-9][0-9]"; then
  say "installing wasm-opt (binaryen from crates.io; Debian's is too old)"
  cargo install wasm-opt --locked
fi

if [ "$mode" = test ]; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the browser-test packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
say "tools ready"
