#!/usr/bin/env bash
# Run the production configuration on this machine over plain HTTP on loopback:
# gunicorn (2 x cores + 1 workers) for the pages, whitenoise, DEBUG off, PostgreSQL and
# Redis; beside it daphne for the live games' WebSockets on LIVE_PORT (default PORT + 1),
# QUIZAPP_TASK_WORKERS background workers (`manage.py db_worker`, default 2), and a sweep
# that ends live games idle for over an hour (`manage.py end_idle_games`).
# Behind a real load balancer with TLS, leave the three *_SECURE/SSL variables at their
# production defaults (on) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

export DJANGO_SETTINGS_MODULE=quizapp.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/quizapp}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# A fresh key per run unless one is given: sessions end when the server restarts.
export SECRET_KEY="${SECRET_KEY:-$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')}"
# Loopback is plain HTTP: no redirect to HTTPS, cookies allowed without TLS.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-0}"
export CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-0}"
export GUNICORN_BIND="${GUNICORN_BIND:-${HOST:-127.0.0.1}:${PORT:-8000}}"
# Live games' WebSockets (/ws/) are served by daphne on LIVE_PORT (default PORT + 1), and
# pages point the browser at that port of their own host. Behind a proxy that routes /ws/
# to daphne on the pages' own address, set LIVE_SOCKET_PORT= (empty) instead.
export LIVE_PORT="${LIVE_PORT:-$((${PORT:-8000} + 1))}"
export LIVE_SOCKET_PORT="${LIVE_SOCKET_PORT-$LIVE_PORT}"

redis_host_port=$("$BIN/python" -c 'import os, urllib.parse as u; p = u.urlparse(os.environ["REDIS_URL"]); print(p.hostname or "127.0.0.1", p.port or 6379)')
if ! "$BIN/python" -c "import redis, os; redis.Redis.from_url(os.environ['REDIS_URL']).ping()" 2>/dev/null; then
  echo "Redis at $redis_host_port does not answer; start it (redis-server) and try again." >&2
  exit 1
fi
"$BIN/python" deploy/ensure_database.py
# Once per release: schema, then static files with hashed names for whitenoise.
"$BIN/python" manage.py migrate --no-input -v0
BIN="$BIN" deploy/collect_static.sh
if [ "${SERVE_SEED:-1}" = "1" ]; then
  "$BIN/python" manage.py ingest seeds/ --no-progress
  if [ -f fixtures/demo_class.json ]; then "$BIN/python" manage.py loaddata demo_class -v0; fi
fi
"$BIN/python" manage.py check --deploy --fail-level ERROR

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop EXIT
trap 'exit 130' INT TERM
# Runs a command, and again after a pause whenever it exits: a worker exits when the
# database goes away, so the workers come back by themselves when PostgreSQL does.
respawn() {
  local child
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM INT
  while true; do
    "$@" &
    child=$!
    wait "$child" || true
    sleep 2
  done
}
# Background workers: each takes one queued task at a time (SELECT ... FOR UPDATE SKIP
# LOCKED), so any number may run here and on other machines against the same database.
for n in $(seq 1 "${QUIZAPP_TASK_WORKERS:-2}"); do
  respawn "$BIN/python" manage.py db_worker --no-reload -v1 --worker-id "$(hostname)-$$-$n" &
  pids+=($!)
done
# Live games idle for over an hour end by themselves, and their open screens are told:
# every QUIZAPP_IDLE_SWEEP_SECONDS (default 300). Safe on any number of machines at once.
sweep_idle_games() {
  local nap
  trap 'kill -TERM "$nap" 2>/dev/null; exit 0' TERM INT
  while true; do
    "$BIN/python" manage.py end_idle_games -v0 || true
    sleep "${QUIZAPP_IDLE_SWEEP_SECONDS:-300}" &
    nap=$!
    wait "$nap"
  done
}
sweep_idle_games &
pids+=($!)
# The ASGI app for the live games' WebSockets (it serves pages too, should a proxy send
# them); it restarts by itself like the workers. Games' events cross processes on Redis.
respawn "$BIN/python" -m daphne -b "${HOST:-127.0.0.1}" -p "$LIVE_PORT" --proxy-headers \
  quizapp.asgi:application &
pids+=($!)

echo ""
echo "  Quizapp (production configuration) at http://$GUNICORN_BIND/"
echo "  live games' WebSockets on port $LIVE_PORT (daphne)"
echo "  with ${QUIZAPP_TASK_WORKERS:-2} background worker(s)"
echo ""
"$BIN/gunicorn" quizapp.wsgi:application -c deploy/gunicorn.conf.py &
gunicorn=$!
pids+=("$gunicorn")
wait "$gunicorn"
