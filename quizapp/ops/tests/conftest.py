"""A private redis-server for the fault tests, and a way to take the database away."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.db import connection

from quizapp.ops import cache as fail_open
from quizapp.ops import probes


def free_port() -> int:
    """A loopback port nothing listens on (for a server to start, or to stay "down")."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test run's own, which tests may stop, stall and resume."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                if redis.Redis.from_url(self.url, socket_timeout=0.2).ping():
                    return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)

    def stall(self) -> None:
        """Still accepting connections (the kernel does that), never answering."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)


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
def document(db):
    """One published flashcard and two published questions, built without spaCy."""
    from quizapp.content.models import Document, Flashcard, Question, Status
    from quizapp.tests.factories import QuestionFactory

    document = Document.objects.create(
        slug="vilnius", title="About Vilnius", source_name="vilnius.txt", text="Text."
    )
    Flashcard.objects.create(
        document=document,
        key="card-0",
        kind=Flashcard.Kind.FAQ,
        front="What is the capital of Lithuania?",
        back="Vilnius.",
        source_text="Vilnius is the capital of Lithuania.",
        status=Status.PUBLISHED,
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
