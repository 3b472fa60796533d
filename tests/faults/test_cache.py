"""Redis down or stalled: the cache misses instead of failing, and comes back by itself."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from quizapp.ops import cache as fail_open
from quizapp.ops.private_redis import free_port
from quizapp.study.models import ReviewLog

from .conftest import fail_open_cache


@pytest.fixture
def down_cache():
    """The production backend pointed at a port where nothing listens."""
    return fail_open.FailOpenRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_nothing_listening_reads_miss_and_writes_are_dropped(down_cache):
    started = time.monotonic()
    assert down_cache.get("k", "default") == "default"
    assert down_cache.get_many(["a", "b"]) == {}
    assert down_cache.has_key("k") is False
    assert down_cache.set("k", 1) is None
    assert down_cache.add("k", 1) is False
    assert down_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down_cache.incr("count", 3) == 3  # counts from nothing: rate limits fail open
    assert down_cache.touch("k") is False
    assert down_cache.delete("k") is False
    assert down_cache.get_or_set("k", "computed") == "computed"
    assert time.monotonic() - started < 1.0


def test_one_warning_per_minute_not_per_request(down_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="quizapp.ops.cache"):
        for _ in range(50):
            down_cache.get("k")
        time.sleep(fail_open.RETRY_SECONDS + 0.1)  # the breaker tries again, and fails again
        down_cache.get("k")
    warnings = [r for r in caplog.records if r.name == "quizapp.ops.cache"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()
    assert "rate limits and login lockout paused" in warnings[0].getMessage()


def test_a_stalled_redis_costs_one_socket_timeout_then_nothing(private_redis, settings):
    settings.CACHES = fail_open_cache(private_redis.url)
    cache.set("k", "before")
    private_redis.stall()
    started = time.monotonic()
    assert cache.get("k") is None
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(100):
        assert cache.get("k") is None
    rest = time.monotonic() - started
    assert 0.4 <= first < 1.5  # the socket timeout, once
    assert rest < 0.1  # the breaker is open: Redis is not asked again


def test_back_without_a_restart_and_never_serves_what_it_missed(private_redis, settings):
    settings.CACHES = fail_open_cache(private_redis.url)
    cache.set("session", "signed in")
    cache.set("other", "kept")
    private_redis.stall()
    cache.delete("session")  # a logout while Redis stalls: never reaches it
    private_redis.resume()
    time.sleep(fail_open.RETRY_SECONDS + 0.1)
    # The first call after the pause deletes what Redis missed before anything else.
    assert cache.get("session") is None
    assert cache.get("other") == "kept"
    cache.set("new", 1)
    assert cache.get("new") == 1


def test_redis_stopped_and_started_again_counts_again(private_redis, settings):
    settings.CACHES = fail_open_cache(private_redis.url)
    cache.set("k", 1)
    private_redis.stop()
    assert cache.get("k") is None
    private_redis.start()
    time.sleep(fail_open.RETRY_SECONDS + 0.1)
    cache.set("k", 2)
    assert cache.get("k") == 2
    assert cache.is_available()


@pytest.fixture
def review_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "review": "2/min",
        },
    }


def test_rate_limits_fail_open_then_count_again(
    private_redis, settings, review_rate, student, small_document
):
    settings.CACHES = fail_open_cache(private_redis.url)
    card = small_document.flashcards.get()
    client = APIClient()
    client.force_authenticate(student)
    url = f"/api/flashcards/{card.pk}/reviews/"
    private_redis.stall()
    statuses = [client.post(url, {"rating": 3}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 200]
    assert ReviewLog.objects.count() == 4
    private_redis.resume()
    time.sleep(fail_open.RETRY_SECONDS + 0.1)
    statuses = [client.post(url, {"rating": 3}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.fixture
def cached_sessions_and_lockout(settings):
    """Production's arrangement: sessions via the cache, lockout counts in the cache."""
    from axes.handlers.proxy import AxesProxyHandler

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    settings.AXES_FAILURE_LIMIT = 3
    AxesProxyHandler.implementation = None
    yield
    AxesProxyHandler.implementation = None


def test_signed_in_student_keeps_studying_with_redis_down(
    cached_sessions_and_lockout, client, student, small_document
):
    client.force_login(student)  # the session is in PostgreSQL and in Redis
    settings_down = fail_open_cache(f"redis://127.0.0.1:{free_port()}/0")
    from django.test import override_settings

    with override_settings(CACHES=settings_down):
        assert client.get(reverse("study:home")).status_code == 200
        card = small_document.flashcards.get()
        response = client.post(reverse("study:review"), {"card": card.pk, "rating": 3})
        assert response.status_code in (200, 302)
        assert ReviewLog.objects.filter(student=student).count() == 1


def test_sign_in_works_and_lockout_fails_open_with_redis_down(
    cached_sessions_and_lockout, redis_down, client, student
):
    login = reverse("login")
    for _ in range(5):  # past the limit of 3: not counted while Redis is down
        wrong = client.post(login, {"username": "student_a", "password": "wrong"})
        assert wrong.status_code == 200
        assert "did not match" in wrong.content.decode()
    right = client.post(login, {"username": "student_a", "password": "pw-student_a"})
    assert right.status_code == 302
    assert client.get(reverse("study:home")).status_code == 200
