#!/usr/bin/env bash
# Serve cxgov: the task worker (Huey consumer: publishes reports) in the background, gunicorn in front.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p instance
.venv/bin/huey_consumer cxgov.worker.huey --workers 1 --max-delay 1 --quiet --logfile instance/tasks.log &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
.venv/bin/gunicorn --workers 2 --timeout 120 --bind "127.0.0.1:${PORT:-5000}" --access-logfile - wsgi:app
