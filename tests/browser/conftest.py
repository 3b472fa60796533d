"""Browser tests of the student pages: study material built with the ORM.

Chromium, its launch flags and the console-error collector live in the top-level conftest.
"""

import pytest


@pytest.fixture
def study_document(db):
    """A document with four flashcards and one question of each kind, built with the ORM."""
    from quizapp.content.models import Document, Flashcard, Question, Status
    from quizapp.content.tests.builders import published_question

    document = Document.objects.create(
        slug="vilnius", title="Vilnius", source_name="vilnius.txt", text="t", content_hash="h"
    )
    Flashcard.objects.bulk_create(
        Flashcard(
            document=document,
            key=f"card-{i}",
            kind=Flashcard.Kind.FAQ,
            front=f"Question on card {i}?",
            back=f"Answer on card {i}.",
            source_text=f"Answer on card {i}.",
            status=Status.PUBLISHED,
            score=1 - i / 10,
        )
        for i in range(4)
    )
    published_question(
        document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city is the capital of Lithuania?",
        answer="Vilnius",
        choices=["Kaunas", "Vilnius", "Klaipėda", "Riga"],
        source_text="Vilnius is the capital of Lithuania.",
    )
    published_question(
        document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="True or false: Vilnius lies on the Neris.",
        answer="True",
        choices=["True", "False"],
        source_text="Vilnius lies where the Vilnia meets the Neris.",
    )
    Question.objects.create(
        document=document,
        key="cloze",
        kind=Question.Kind.CLOZE,
        prompt="The Old Town of _____ is a World Heritage Site.",
        answer="Vilnius",
        source_text="The Old Town of Vilnius is a World Heritage Site.",
        status=Status.PUBLISHED,
    )
    Question.objects.create(
        document=document,
        key="short",
        kind=Question.Kind.SHORT_ANSWER,
        prompt="Who founded Vilnius?",
        answer="Gediminas",
        source_text="Vilnius was founded by Grand Duke Gediminas.",
        status=Status.PUBLISHED,
    )
    return document
