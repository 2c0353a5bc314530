#!/usr/bin/env bash
# Serve cxgov: the task worker (Huey consumer: publishes reports) and gunicorn. When either stops, or this
# script is stopped, both are stopped.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p instance
# Absolute links (calendar feeds, API answers, e-mail) name the address the demo is served at, unless told otherwise.
export CXGOV_BASE_URL="${CXGOV_BASE_URL:-http://127.0.0.1:${PORT:-5000}}"
.venv/bin/huey_consumer cxgov.worker.huey --workers 1 --max-delay 1 --quiet --logfile instance/tasks.log &
worker=$!
.venv/bin/gunicorn --workers 2 --timeout 120 --bind "127.0.0.1:${PORT:-5000}" --access-logfile - wsgi:app &
web=$!
trap 'kill "$worker" "$web" 2>/dev/null; wait' EXIT INT TERM
wait -n "$worker" "$web"
status=$?  # the first of the two to stop; the trap stops the other
exit "$status"
