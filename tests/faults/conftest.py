"""Fault tests of the whole app: a private redis-server, and a way to take the database away."""

from __future__ import annotations

import shutil

import pytest
import redis
from django.db import connection

from quizapp.ops import cache as fail_open
from quizapp.ops import probes
from quizapp.ops.private_redis import PrivateRedis, free_port


@pytest.fixture(scope="session")
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_redis(redis_server):
    """The private Redis, running and empty; started again if a test stopped it."""
    if redis_server.process.poll() is not None:
        redis_server.start()
    redis_server.resume()
    redis.Redis.from_url(redis_server.url).flushdb()
    yield redis_server
    redis_server.resume()


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    """Each test starts with closed breakers, a short pause, and no readiness answer kept."""
    monkeypatch.setattr(fail_open, "_breakers", {})
    monkeypatch.setattr(fail_open, "RETRY_SECONDS", 0.3)
    monkeypatch.setattr(probes, "_ready", {"at": float("-inf"), "answer": (False, {})})


def fail_open_cache(location: str, **options):
    """Settings for the production cache backend at `location`."""
    return {
        "default": {
            "BACKEND": "quizapp.ops.cache.FailOpenRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        }
    }


@pytest.fixture
def redis_down(settings):
    """The app's cache is a Redis location where nothing listens."""
    settings.CACHES = fail_open_cache(f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def database_down():
    """Point the app at a PostgreSQL port where nothing listens; `back()` restores it."""
    saved = dict(connection.settings_dict)

    def back():
        connection.close()
        connection.settings_dict.update(saved)

    def down():
        connection.close()
        connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": str(free_port())})

    yield down, back
    back()


@pytest.fixture
def small_document(db):
    """Fault tests review its one flashcard and type "Gediminas" to any of its questions:
    one published flashcard and two published short-answer questions, built without spaCy."""
    from quizapp.content.models import Question
    from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory

    document = DocumentFactory(slug="vilnius", title="About Vilnius")
    FlashcardFactory(
        document=document,
        key="card-0",
        front="What is the capital of Lithuania?",
        back="Vilnius.",
        source_text="Vilnius is the capital of Lithuania.",
    )
    for key, prompt in (("short-0", "Who founded Vilnius?"), ("short-1", "Who built it?")):
        QuestionFactory(
            document=document,
            key=key,
            kind=Question.Kind.SHORT_ANSWER,
            prompt=prompt,
            answer="Gediminas",
            source_text="Vilnius was founded by Grand Duke Gediminas.",
        )
    return document
