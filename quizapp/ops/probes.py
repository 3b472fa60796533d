"""`/healthz` and `/readyz` for a load balancer, answered before any other middleware.

- `/healthz` (liveness): the process answers. It touches nothing: no database, no cache,
  no session, so a database outage never gets healthy processes restarted.
- `/readyz` (readiness): PostgreSQL answers a query and every migration is applied, so the
  server may take traffic; 503 otherwise. Redis is reported but not required: without it
  the app carries on (see `quizapp.ops.cache`). The answer is kept for
  `READY_CACHE_SECONDS` so that frequent probes from several balancers stay cheap.

Both answer without sign-in, before the host check, the HTTPS redirect, sessions and rate
limits (a balancer probes by address over plain HTTP), and gunicorn leaves them out of its
access log (`deploy/gunicorn.conf.py`).
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

from .unavailable import DATABASE_ERRORS, note_database_error

PATHS = ("/healthz", "/readyz")
READY_CACHE_SECONDS = 2.0
_ready = {"at": float("-inf"), "answer": (False, {})}
_ready_lock = threading.Lock()


def _database_report() -> tuple[str, str]:
    """(database, migrations): each "ok" or what is wrong."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DATABASE_ERRORS as error:
        note_database_error(error)
        return "unavailable", "unknown"
    return "ok", "ok" if not unapplied else f"{len(unapplied)} not applied"


def _cache_report() -> str:
    is_available = getattr(cache, "is_available", None)
    if is_available is None:
        return "local to this process"
    return "ok" if is_available() else "unavailable (carrying on without it)"


def readiness() -> tuple[bool, dict]:
    """(ready?, what was checked), computed at most once per `READY_CACHE_SECONDS`."""
    with _ready_lock:
        if time.monotonic() - _ready["at"] < READY_CACHE_SECONDS:
            return _ready["answer"]
        database, migrations = _database_report()
        ready = database == "ok" and migrations == "ok"
        report = {
            "status": "ready" if ready else "not ready",
            "database": database,
            "migrations": migrations,
            "cache": _cache_report(),
        }
        _ready["at"], _ready["answer"] = time.monotonic(), (ready, report)
        return ready, report


class ProbeMiddleware:
    """Answer `/healthz` and `/readyz` itself; pass every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in PATHS:
            return self.get_response(request)
        if request.path_info == "/healthz":
            response = JsonResponse({"status": "alive"})
        else:
            ready, report = readiness()
            response = JsonResponse(report, status=200 if ready else 503)
        response["Cache-Control"] = "no-store"
        return response
