"""Every list endpoint runs the same number of queries for 5 rows as for 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizapp.classes.models import Classroom, Enrollment
from quizapp.content.models import Document, Flashcard, Status
from quizapp.study.models import Attempt, MemoryState, Quiz
from quizapp.tests.factories import answer

from .conftest import build_document


def make_documents(n: int, **_):
    Document.objects.bulk_create(
        Document(
            slug=f"doc-{i}", title=f"Doc {i}", source_name=f"{i}.txt", text="t", content_hash="h"
        )
        for i in range(n)
    )
    for document in Document.objects.all()[:5]:
        Flashcard.objects.create(
            document=document, kind="faq", front="f", back="b", source_text="s",
            status=Status.PUBLISHED,
        )  # fmt: skip


def make_cards(n: int, *, student, **_):
    document = build_document("cards", cards=0)
    Flashcard.objects.bulk_create(
        Flashcard(
            document=document, key=f"k{i}", kind="faq", front=f"f{i}", back="b",
            source_text="s", status=Status.PUBLISHED,
        )
        for i in range(n)
    )  # fmt: skip
    now = timezone.now()
    # Half the cards have been seen and are due again; the rest are new.
    MemoryState.objects.bulk_create(
        MemoryState(student=student, flashcard=card, due=now - timedelta(days=1))
        for card in Flashcard.objects.all()[: n // 2]
    )
    return document


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
    from quizapp.content.models import Choice, Question
    from quizapp.study.models import QuizQuestion

    document = build_document(f"quiz-{n}", cards=0)
    Question.objects.bulk_create(
        Question(
            document=document, key=f"q{i}", kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=f"Question {i}?", answer="Right", source_text="s", status=Status.PUBLISHED,
        )
        for i in range(n)
    )  # fmt: skip
    questions = list(Question.objects.filter(document=document, key__startswith="q"))
    Choice.objects.bulk_create(
        Choice(question=q, text=text, is_correct=text == "Right", position=p)
        for q in questions
        for p, text in enumerate(["Wrong", "Right"])
    )
    quiz = Quiz.objects.create(slug=f"quiz-{n}", title=f"Quiz {n}", shuffle=False)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(questions)
    )
    return quiz


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
