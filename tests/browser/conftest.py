"""Browser tests of the student pages: study material built with the factories.

Chromium, its launch flags and the console-error collector live in the top-level conftest.
"""

import pytest


@pytest.fixture
def study_document(db):
    """A document with four flashcards and one question of each kind."""
    from quizapp.content.models import Question
    from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory

    document = DocumentFactory(slug="vilnius", title="Vilnius")
    FlashcardFactory.create_many(
        4,
        document=document,
        key=lambda i: f"card-{i}",
        front=lambda i: f"Question on card {i}?",
        back=lambda i: f"Answer on card {i}.",
        source_text=lambda i: f"Answer on card {i}.",
        score=lambda i: 1 - i / 10,
    )
    QuestionFactory(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city is the capital of Lithuania?",
        answer="Vilnius",
        choices=["Kaunas", "Vilnius", "Klaipėda", "Riga"],
        source_text="Vilnius is the capital of Lithuania.",
    )
    QuestionFactory(
        document=document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="True or false: Vilnius lies on the Neris.",
        answer="True",
        source_text="Vilnius lies where the Vilnia meets the Neris.",
    )
    QuestionFactory(
        document=document,
        key="cloze",
        kind=Question.Kind.CLOZE,
        prompt="The Old Town of _____ is a World Heritage Site.",
        answer="Vilnius",
        source_text="The Old Town of Vilnius is a World Heritage Site.",
    )
    QuestionFactory(
        document=document,
        key="short",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="Who founded Vilnius?",
        answer="Gediminas",
        source_text="Vilnius was founded by Grand Duke Gediminas.",
    )
    return document
