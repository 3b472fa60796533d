"""The answer while PostgreSQL cannot be reached: 503 with `Retry-After`, never a 500 or a hang.

Pages get a plain HTML page (`templates/503.html`, rendered without a request so that no
context processor touches the database); the API gets JSON. Database errors raised by a
view reach `DatabaseUnavailableMiddleware`; those raised by a middleware on the way out
(a session saved after the view) reach `server_error`, the project's `handler500`. Either
way the process logs one warning a minute, not one per request, and serves again as soon
as PostgreSQL answers: Django opens a new connection on the next request.
"""

from __future__ import annotations

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
MESSAGE = "Quizapp is briefly unavailable. Please try again in a moment."
API_PREFIX = "/api/"
LOG_EVERY_SECONDS = 60.0
_last_logged = float("-inf")


def retry_after_seconds() -> int:
    return int(getattr(settings, "QUIZAPP_RETRY_AFTER_SECONDS", 10))


def unavailable_response(request) -> HttpResponse:
    """503 for this request: JSON for the API, the plain page for everything else."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    return response


def note_database_error(error: BaseException) -> None:
    """Log that the database is unreachable, at most once a minute per process."""
    global _last_logged
    now = time.monotonic()
    if now - _last_logged < LOG_EVERY_SECONDS:
        return
    _last_logged = now
    logger.warning(
        "Database unavailable (%s: %s); answering 503 until it is back.",
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )


class DatabaseUnavailableMiddleware:
    """Turn a database that cannot be reached, in a view, into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            note_database_error(exception)
            return unavailable_response(request)
        return None


def server_error(request):
    """`handler500`: a 503 when the error was the database being unreachable, else a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        note_database_error(error)
        return unavailable_response(request)
    return defaults.server_error(request)


class SkipUnavailable:
    """Logging filter for `django.request`: 503s are summarised by `note_database_error`."""

    def filter(self, record) -> bool:
        return getattr(record, "status_code", None) != 503
