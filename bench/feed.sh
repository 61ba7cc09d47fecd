#!/usr/bin/env bash
# The feed benchmark (bench/feed.py); see bench/with-db.sh.
exec "$(dirname "$0")/with-db.sh" feed "$@"
