"""Answering, reviewing and signing in are rate limited by a setting, counted in the shared
cache: past the rate they answer 429 with `Retry-After`, and record nothing.
"""

from __future__ import annotations

import os
import uuid

import pytest
import redis
from rest_framework.test import APIClient

from quizapp.study import services as study
from quizapp.study.models import Response as Answer
from quizapp.study.models import ReviewLog


@pytest.fixture
def rates(settings):
    """Set the throttle rates for one test, as an operator would in the environment."""

    def set_rates(**scoped):
        current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**current, **scoped},
        }

    return set_rates


def assert_throttled(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"]


def test_answers_past_the_rate_are_refused(rates, student, etna_quiz, client_for):
    rates(answer="2/min")
    attempt, _ = study.start_attempt(student=student, quiz=etna_quiz)
    client = client_for(student)
    url = f"/api/attempts/{attempt.pk}/answers/"
    questions = list(etna_quiz.questions.order_by("key"))  # mc, short, tf
    mc, short, tf = questions
    assert client.post(url, {"question": mc.pk, "choice": mc.choices.first().pk}).status_code == 200
    assert client.post(url, {"question": short.pk, "answer_text": "Sicily"}).status_code == 200
    assert_throttled(client.post(url, {"question": tf.pk, "choice": tf.choices.first().pk}))
    assert Answer.objects.count() == 2


def test_reviews_past_the_rate_are_refused(rates, student, other_student, etna, client_for):
    rates(review="3/min")
    card = etna.flashcards.published().first()
    client = client_for(student)
    url = f"/api/flashcards/{card.pk}/reviews/"
    for _ in range(3):
        assert client.post(url, {"rating": 3}).status_code == 200
    assert_throttled(client.post(url, {"rating": 3}))
    assert ReviewLog.objects.count() == 3
    # The count is per user: another student is not held up.
    assert client_for(other_student).post(url, {"rating": 3}).status_code == 200


def fresh_name(make_user) -> str:
    """A new account's name: lockout counts may outlive a test in a shared Redis."""
    name = f"learner-{uuid.uuid4().hex[:12]}"
    make_user(name)
    return name


def test_sign_in_past_the_rate_is_refused_even_with_the_right_password(rates, make_user):
    rates(login="2/min")
    name = fresh_name(make_user)
    client = APIClient()
    wrong = {"username": name, "password": "nope"}
    right = {"username": name, "password": f"pw-{name}"}
    assert client.post("/api/auth/token/", wrong).status_code == 400
    assert client.post("/api/auth/token/", right).status_code == 200
    assert_throttled(client.post("/api/auth/token/", right))


def test_the_count_lives_in_the_shared_redis_cache(rates, settings, student, etna):
    """Two app servers (two separate WSGI handlers) share one count kept in Redis."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"quizapp-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    rates(review="2/min")
    card = etna.flashcards.published().first()
    path = f"/api/flashcards/{card.pk}/reviews/"
    server_one, server_two = APIClient(), APIClient()
    for server in (server_one, server_two):
        server.force_authenticate(student)
    try:
        assert server_one.post(path, {"rating": 3}).status_code == 200
        assert server_two.post(path, {"rating": 3}).status_code == 200
        assert_throttled(server_one.post(path, {"rating": 3}))
        assert_throttled(server_two.post(path, {"rating": 3}))
        keys = redis.Redis.from_url(url).keys(f"{prefix}:*throttle_review_{student.pk}")
        assert len(keys) == 1
    finally:
        connection = redis.Redis.from_url(url)
        for key in connection.keys(f"{prefix}:*"):
            connection.delete(key)


def test_repeated_failed_sign_ins_lock_the_name_out_with_json(settings, make_user):
    name = fresh_name(make_user)
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    for _ in range(2):
        wrong = client.post("/api/auth/token/", {"username": name, "password": "x"})
        assert wrong.status_code == 400
    # The third failure reaches the limit; from then on even the right password is refused.
    assert client.post("/api/auth/token/", {"username": name, "password": "x"}).status_code == 429
    right = client.post("/api/auth/token/", {"username": name, "password": f"pw-{name}"})
    assert right.status_code == 429
    assert right["Content-Type"] == "application/json"
    assert int(right["Retry-After"]) == 15 * 60  # AXES_COOLOFF_TIME, a quarter of an hour
    assert "Too many failed sign-ins" in right.json()["detail"]
    assert "token" not in right.json()
