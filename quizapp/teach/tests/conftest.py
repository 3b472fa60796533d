"""A document with draft and published items, built with the factories (no spaCy)."""

import pytest

from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory


@pytest.fixture
def review_document(teacher):
    """Two draft questions (one scoring higher), a published one and a draft flashcard."""
    document = DocumentFactory(slug="vilnius", title="Vilnius", uploaded_by=teacher)
    low = QuestionFactory(
        document=document,
        key="low",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which river flows through Vilnius?",
        answer="Neris",
        choices=["Neris", "Nemunas", "Daugava"],
        source_text="Vilnius lies where the Vilnia meets the Neris.",
        score=0.4,
    )
    high = QuestionFactory(
        document=document,
        key="high",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city is the capital of Lithuania?",
        answer="Vilnius",
        choices=["Kaunas", "Vilnius", "Riga"],
        source_text="Vilnius is the capital of Lithuania.",
        score=0.9,
    )
    Question.objects.filter(pk__in=[low.pk, high.pk]).update(status=Status.DRAFT)
    QuestionFactory(
        document=document,
        key="cloze",
        kind=Question.Kind.CLOZE,
        prompt="The Old Town of _____ is a World Heritage Site.",
        answer="Vilnius",
        source_text="The Old Town of Vilnius is a World Heritage Site.",
        score=0.95,
    )
    FlashcardFactory(
        document=document,
        key="card",
        front="Who founded Vilnius?",
        back="Grand Duke Gediminas.",
        source_text="Vilnius was founded by Grand Duke Gediminas.",
        score=0.7,
        status=Status.DRAFT,
    )
    return document
