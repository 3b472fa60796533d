"""Repeated wrong passwords lock the account out, counted where every app server sees them."""

import uuid

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.fixture
def fresh_axes_handler():
    """Axes keeps its handler once chosen; choose again for this test's settings, and after."""
    AxesProxyHandler.implementation = None
    yield
    AxesProxyHandler.implementation = None


@pytest.fixture
def redis_lockout(settings, fresh_axes_handler):
    """Production's arrangement: the shared Redis cache holds the failure counts."""
    prefix = f"lockout-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    server = redis.Redis.from_url(REDIS_URL)
    yield server, prefix
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


@pytest.fixture
def database_lockout(settings, fresh_axes_handler):
    """The arrangement without Redis: failure counts in the database."""
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"


def fail_logins(username: str, times: int) -> None:
    for _ in range(times):
        response = Client().post(reverse("login"), {"username": username, "password": "wrong"})
        assert response.status_code in (200, 429)


def log_in(username: str) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": f"pw-{username}"})
    return client, response


def assert_locked_out(username: str) -> None:
    client, response = log_in(username)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert client.get(reverse("study:home")).status_code == 302  # not signed in


@pytest.mark.parametrize("arrangement", ["redis_lockout", "database_lockout"])
def test_the_right_password_is_refused_after_repeated_failures(
    request, arrangement, student, other_student
):
    request.getfixturevalue(arrangement)
    limit = django_settings.AXES_FAILURE_LIMIT
    fail_logins(student.username, limit - 1)
    client, response = log_in(student.username)
    assert response.status_code == 302, "one failure short of the limit still lets them in"
    client.post(reverse("logout"))

    fail_logins(student.username, limit)
    assert_locked_out(student.username)
    # Only that account is locked: a classmate on the same network still signs in.
    _, response = log_in(other_student.username)
    assert response.status_code == 302


def test_failures_are_counted_in_the_shared_redis(redis_lockout, student):
    server, prefix = redis_lockout
    fail_logins(student.username, django_settings.AXES_FAILURE_LIMIT)
    # Another process (another app server) sees the count: it is in Redis, not in memory.
    assert any(b"axes" in key for key in server.scan_iter(f"{prefix}:*"))
    assert_locked_out(student.username)


def test_the_api_refuses_a_locked_out_account(database_lockout, student):
    fail_logins(student.username, django_settings.AXES_FAILURE_LIMIT)
    response = Client().post(
        "/api/auth/token/",
        {"username": student.username, "password": f"pw-{student.username}"},
        content_type="application/json",
    )
    assert response.status_code in (403, 429)
    assert b'"token"' not in response.content
