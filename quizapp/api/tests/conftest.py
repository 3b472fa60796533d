"""API test fixtures: token-signed clients and a small quiz built without spaCy."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quizapp.classes.models import Classroom, Enrollment
from quizapp.content.models import Document, Flashcard, Question, Status
from quizapp.content.tests.builders import published_question
from quizapp.study.models import Quiz, QuizQuestion


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
def other_teacher(make_user):
    from django.contrib.auth.models import Group

    user = make_user("teacher_u", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Teachers")
    user.groups.add(group)
    return user


def build_document(slug: str = "volcanoes", *, cards: int = 2) -> Document:
    """A document with published flashcards and one question of each kind."""
    document = Document.objects.create(
        slug=slug,
        title=f"About {slug}",
        source_name=f"{slug}.txt",
        text="Etna is in Sicily.\n\nFAQ\n\nWhere is Etna?\n\nIn Sicily.",
        content_hash=slug,
    )
    for i in range(cards):
        Flashcard.objects.create(
            document=document,
            key=f"card-{i}",
            kind="faq",
            front=f"Front {i}",
            back=f"Back {i}",
            source_text="Etna is in Sicily.",
            status=Status.PUBLISHED,
        )
    Flashcard.objects.create(
        document=document,
        key="draft-card",
        kind="faq",
        front="Draft",
        back="Draft",
        source_text="x",
        status=Status.DRAFT,
    )
    published_question(
        document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Where is Etna?",
        answer="Sicily",
        choices=["Sardinia", "Sicily"],
        alternatives=["Sicilia"],
        explanation="Etna is in Sicily.",
        source_text="Etna is in Sicily.",
    )
    published_question(
        document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="Etna is in Sicily.",
        answer="True",
        choices=["True", "False"],
        explanation="It is.",
        source_text="Etna is in Sicily.",
    )
    Question.objects.create(
        document=document,
        key="short",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="On which island is Etna?",
        answer="Sicily",
        explanation="Etna is in Sicily.",
        source_text="Etna is in Sicily.",
        status=Status.PUBLISHED,
    )
    return document


@pytest.fixture
def document(db):
    return build_document()


@pytest.fixture
def quiz(document):
    """A hand-picked quiz over the document's three questions, in a fixed order."""
    quiz = Quiz.objects.create(slug="etna", title="Etna", shuffle=False)
    for position, question in enumerate(document.questions.order_by("key")):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    return quiz


@pytest.fixture
def classroom(teacher, student):
    classroom = Classroom.objects.create(name="Geography 7", teacher=teacher)
    Enrollment.objects.create(classroom=classroom, student=student)
    return classroom
