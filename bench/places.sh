#!/usr/bin/env bash
# The places benchmark (bench/places.py); see bench/with-db.sh.
exec "$(dirname "$0")/with-db.sh" places "$@"
