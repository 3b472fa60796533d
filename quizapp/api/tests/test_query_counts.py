"""Every list endpoint runs the same number of queries for 5 rows as for 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizapp.classes.models import Classroom, Enrollment
from quizapp.content.models import Document, Flashcard, Question
from quizapp.content.tests.factories import (
    DocumentFactory,
    FlashcardFactory,
    QuestionFactory,
    build_etna_document,
    build_sectioned_document,
)
from quizapp.study.models import Attempt, MemoryState, Quiz
from quizapp.study.tests.factories import QuizFactory, answer


def make_documents(n: int, **_):
    documents = DocumentFactory.create_many(n, slug=lambda i: f"doc-{i}")
    FlashcardFactory.create_many(5, document=lambda i: documents[i])


def make_cards(n: int, *, student, **_):
    document = build_etna_document("cards", cards=0)
    FlashcardFactory.create_many(n, document=document, key=lambda i: f"k{i}")
    now = timezone.now()
    # Half the cards have been seen and are due again; the rest are new.
    MemoryState.objects.bulk_create(
        MemoryState(student=student, flashcard=card, due=now - timedelta(days=1))
        for card in Flashcard.objects.all()[: n // 2]
    )
    return document


def make_section_cards(n: int, **_):
    """n published cards in the second section of a document of two."""
    return build_sectioned_document("sections", sections=2, cards=n, questions=0)


def make_quizzes(n: int, **_):
    Quiz.objects.bulk_create(Quiz(slug=f"quiz-{i}", title=f"Quiz {i}") for i in range(n))


def make_attempts(n: int, *, student, **_):
    quiz = Quiz.objects.create(slug="q", title="Q")
    now = timezone.now()
    Attempt.objects.bulk_create(
        Attempt(quiz=quiz, student=student, number=i + 1, question_ids=[1, 2], started_at=now)
        for i in range(n)
    )


def make_taught(n: int, *, teacher, student, **_):
    Classroom.objects.bulk_create(
        Classroom(name=f"Class {i}", teacher=teacher, join_code=f"C{i:07d}") for i in range(n)
    )
    Enrollment.objects.bulk_create(
        Enrollment(classroom=c, student=student) for c in Classroom.objects.all()
    )


def make_joined(n: int, *, teacher, student, **_):
    make_taught(n, teacher=teacher, student=student)


LISTS = [
    ("/api/documents/", make_documents, "student"),
    ("/api/documents/{document}/flashcards/", make_cards, "student"),
    ("/api/flashcards/due/", make_cards, "student"),
    ("/api/flashcards/due/?document={document}", make_cards, "student"),
    ("/api/documents/{document}/flashcards/?section=1", make_section_cards, "student"),
    ("/api/flashcards/due/?document={document}&section=1", make_section_cards, "student"),
    ("/api/quizzes/", make_quizzes, "student"),
    ("/api/attempts/", make_attempts, "student"),
    ("/api/classes/", make_taught, "teacher"),
    ("/api/classes/joined/", make_joined, "student"),
]


def count_queries(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize(("url", "make", "role"), LISTS)
def test_list_queries_do_not_grow_with_rows(url, make, role, student, teacher, client_for):
    people = {"student": student, "teacher": teacher}
    client = client_for(people[role])
    counts = {}
    for n in (5, 500):
        # Each size gets a fresh set of rows in the same test (the test rolls back at the end).
        for model in (Enrollment, Classroom, Attempt, Quiz, MemoryState, Flashcard, Document):
            model.objects.all().delete()
        document = make(n, student=student, teacher=teacher)
        full = url.format(document=document.pk if document else "")
        counts[n], body = count_queries(client, full)
        assert body["count"] == n
        assert len(body["results"]) == min(n, 50)
    assert counts[5] == counts[500], counts


def quiz_of(n: int) -> Quiz:
    """A quiz of `n` published multiple-choice questions, in order."""
    document = build_etna_document(f"quiz-{n}", cards=0)
    questions = QuestionFactory.create_many(
        n,
        document=document,
        key=lambda i: f"q{i}",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt=lambda i: f"Question {i}?",
        answer="Right",
        choices=["Wrong", "Right"],
    )
    return QuizFactory(slug=f"quiz-{n}", questions=questions)


def test_attempt_pages_do_not_grow_with_questions(student, client_for):
    from quizapp.study import services as study

    client = client_for(student)
    counts = {}
    for n in (5, 60):
        attempt, _ = study.start_attempt(student=student, quiz=quiz_of(n))
        for question in attempt.quiz.questions.all():
            right = question.choices.get(is_correct=True)
            answer(attempt, question, choice=right)
        detail, body = count_queries(client, f"/api/attempts/{attempt.pk}/")
        assert len(body["questions"]) == len(body["answers"]) == n
        study.finish_attempt(attempt=attempt)
        result, body = count_queries(client, f"/api/attempts/{attempt.pk}/result/")
        assert body["score"] == n
        counts[n] = (detail, result)
    assert counts[5] == counts[60], counts
