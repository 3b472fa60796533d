"""API test fixtures: token-signed clients and a small quiz built without spaCy."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quizapp.classes.tests.factories import ClassroomFactory
from quizapp.content.models import Document, Question, Status
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory
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


def build_document(slug: str = "volcanoes", *, cards: int = 2) -> Document:
    """A document with published flashcards, a draft one and one question of each kind."""
    document = DocumentFactory(
        slug=slug, text="Etna is in Sicily.\n\nFAQ\n\nWhere is Etna?\n\nIn Sicily."
    )
    FlashcardFactory.create_many(
        cards,
        document=document,
        key=lambda i: f"card-{i}",
        front=lambda i: f"Front {i}",
        back=lambda i: f"Back {i}",
        source_text="Etna is in Sicily.",
    )
    FlashcardFactory(
        document=document, key="draft-card", front="Draft", back="Draft", status=Status.DRAFT
    )
    etna = {"source_text": "Etna is in Sicily.", "explanation": "Etna is in Sicily."}
    QuestionFactory(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Where is Etna?",
        answer="Sicily",
        choices=["Sardinia", "Sicily"],
        alternatives=["Sicilia"],
        **etna,
    )
    QuestionFactory(
        document=document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="Etna is in Sicily.",
        answer="True",
        **{**etna, "explanation": "It is."},
    )
    QuestionFactory(
        document=document,
        key="short",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="On which island is Etna?",
        answer="Sicily",
        **etna,
    )
    return document


@pytest.fixture
def document(db):
    return build_document()


@pytest.fixture
def quiz(document):
    """A hand-picked quiz over the document's three questions, in a fixed order."""
    return QuizFactory(slug="etna", title="Etna", questions=document.questions.order_by("key"))


@pytest.fixture
def classroom(teacher, student):
    return ClassroomFactory(name="Geography 7", teacher=teacher, students=[student])
