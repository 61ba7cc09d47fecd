#!/usr/bin/env bash
# The chat benchmark (bench/chat.py); see bench/with-db.sh.
exec "$(dirname "$0")/with-db.sh" chat "$@"
