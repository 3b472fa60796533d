"""API test fixtures: token-signed clients, and Etna: a document, a quiz and a class built
without spaCy, which the API tests assert on by name."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quizapp.classes.tests.factories import ClassroomFactory
from quizapp.content.tests.factories import build_etna_document
from quizapp.study.tests.factories import QuizFactory


@pytest.fixture(autouse=True)
def fresh_throttle_counts(settings):
    """Throttle counts live in the cache; each test counts from zero under its own key prefix.

    A prefix rather than `cache.clear()`, which would empty a shared Redis database.
    """
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def client_for():
    """An API client signed in with a token for `user` (anonymous when `user` is None)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def etna(db):
    """The API tests' document: Etna, with two published flashcards, a draft one and three
    questions (see `build_etna_document`)."""
    return build_etna_document()


@pytest.fixture
def etna_quiz(etna):
    """A hand-picked quiz over Etna's three questions, in a fixed order."""
    return QuizFactory(slug="etna", title="Etna", questions=etna.questions.order_by("key"))


@pytest.fixture
def geography_class(teacher, student):
    """The teacher's class "Geography 7", with `student` enrolled."""
    return ClassroomFactory(name="Geography 7", teacher=teacher, students=[student])
