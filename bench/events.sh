#!/usr/bin/env bash
# The events benchmark (bench/events.py); see bench/with-db.sh.
exec "$(dirname "$0")/with-db.sh" events "$@"
