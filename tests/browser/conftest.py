"""Browser tests: the system Chromium driven by Playwright against pytest-django's live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def console_errors(page):
    """Errors the page logs or throws; a test asserts the list is empty at its end."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def study_document(db):
    """A document with four flashcards and one question of each kind, built with the ORM."""
    from quizapp.content.models import Choice, Document, Flashcard, Question, Status

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
    mc = Question.objects.create(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city is the capital of Lithuania?",
        answer="Vilnius",
        source_text="Vilnius is the capital of Lithuania.",
        status=Status.PUBLISHED,
    )
    Choice.objects.bulk_create(
        Choice(question=mc, text=text, is_correct=text == "Vilnius", position=i)
        for i, text in enumerate(["Kaunas", "Vilnius", "Klaipėda", "Riga"])
    )
    tf = Question.objects.create(
        document=document,
        key="tf",
        kind=Question.Kind.TRUE_FALSE,
        prompt="True or false: Vilnius lies on the Neris.",
        answer="True",
        source_text="Vilnius lies where the Vilnia meets the Neris.",
        status=Status.PUBLISHED,
    )
    Choice.objects.bulk_create(
        [
            Choice(question=tf, text="True", is_correct=True, position=0),
            Choice(question=tf, text="False", position=1),
        ]
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
