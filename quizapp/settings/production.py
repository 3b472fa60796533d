"""Production: everything from the environment, HTTPS assumed, static files via whitenoise.

App servers keep nothing on local disk: data lives in PostgreSQL (`DATABASE_URL`), and the
cache, sessions, throttles and login-lockout counters live in the shared Redis (`REDIS_URL`),
so any number of servers can run behind a load balancer. Both variables are required.

For a plain-HTTP run on loopback (`make serve`, `make bench`) set `SECURE_SSL_REDIRECT=0`,
`SESSION_COOKIE_SECURE=0` and `CSRF_COOKIE_SECURE=0`; never do that behind a public address.
"""

import os

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, SECRET_KEY, env_bool, env_list

DEBUG = env_bool("DEBUG", False)


def _missing_configuration() -> list[str]:
    """What the environment lacks for production, each with how to fix it."""
    problems = []
    if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append(
            "SECRET_KEY must be a random string of at least 50 characters, e.g. the output of "
            'python -c "import secrets; print(secrets.token_urlsafe(64))"'
        )
    if not os.environ.get("DATABASE_URL"):
        problems.append(
            "DATABASE_URL must name the PostgreSQL database, e.g. "
            "postgres://user:pass@host:5432/quizapp"
        )
    if not REDIS_URL:
        problems.append(
            "REDIS_URL must name the shared Redis, e.g. redis://host:6379/0 (sessions, "
            "throttles and login lockout are shared by every app server)"
        )
    return problems


if _missing_configuration():
    # A plain message, not a traceback: this is the operator's to fix, not a bug.
    raise SystemExit(
        "Quizapp cannot start with the production settings:\n- "
        + "\n- ".join(_missing_configuration())
    )

# The fail-open Redis cache from base, with its short timeouts and circuit breaker.
CACHES = {
    "default": {**CACHES["default"], "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "quizapp")}
}
# Sessions are read from Redis and written through to PostgreSQL, so a Redis restart logs
# nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# whitenoise serves hashed names (all `{% static %}` links) as immutable for ten years, and
# anything else for a minute, so a release never leaves browsers on stale files.

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
# Pages send the token in a form field or the htmx header, so scripts never need the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The process id tells the workers' lines apart.
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(process)d] %(name)s %(message)s"}
    },
    "filters": {"skip_unavailable": {"()": "quizapp.ops.unavailable.SkipUnavailable"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Failed logins and lockouts are worth seeing in production logs.
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # 503s while the database is down are logged once a minute by quizapp.ops instead.
        "django.request": {"filters": ["skip_unavailable"]},
    },
}

# `make bench` turns this on to compare the app with a bare view behind the same stack.
QUIZAPP_BASELINE_VIEW = env_bool("QUIZAPP_BASELINE_VIEW", False)
