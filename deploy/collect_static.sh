#!/usr/bin/env bash
# collectstatic for the production storage (hashed names, gzip and brotli copies).
# Compressing every file takes a minute or two, so it is skipped while neither the app's
# static files nor the installed packages changed since the last run.
# BIN names the environment's bin folder (default .venv/bin); the stamp that records the
# last run lives in the project's ignored var/ folder, whichever environment BIN names.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
fingerprint=$( { find static -type f -printf '%p %s %T@\n' | sort; "$BIN/python" -m pip freeze -q; } | sha256sum | cut -c1-64)
mkdir -p var
stamp=var/static-fingerprint
if [ ! -f staticfiles/staticfiles.json ] || [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
  echo "Collecting static files (compressing takes a minute or two)..."
  "$BIN/python" manage.py collectstatic --no-input -v0
  echo "$fingerprint" > "$stamp"
fi
