"""Concurrent requests on PostgreSQL: real threads, each with its own database connection.

SQLite cannot lock rows, so there the same guarantees are tested sequentially (a repeated
answer in test_services.py and test_views.py); these run when the suite runs on PostgreSQL,
as CI does.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from quizapp.content.models import Question
from quizapp.study import services
from quizapp.study.models import Attempt, MemoryState, Quiz, QuizQuestion, Response, ReviewLog
from quizapp.study.tests.factories import answer, start

THREADS = 20

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs it there"
    ),
]


def run_together(student, method: str, url: str, data: dict) -> list[int]:
    """Send the same request from THREADS threads at once; return their status codes."""
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def worker():
        client = Client(raise_request_exception=False)
        client.force_login(student)
        try:
            barrier.wait()
            response = getattr(client, method)(url, data, HTTP_HX_REQUEST="true")
            statuses.append(response.status_code)
        except BaseException as exc:  # reported below, never swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


def test_twenty_concurrent_finishes_give_one_finished_attempt(student, document):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    answer(attempt, mc, choice=mc.choices.get(is_correct=True))

    statuses = run_together(student, "post", reverse("study:finish", args=[attempt.pk]), {})

    assert statuses == [200] * THREADS
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1
    assert Attempt.objects.filter(finished_at__isnull=False).count() == 1
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "answer"),
    [
        (Question.Kind.SHORT_ANSWER, {"answer": "Gediminas"}),
        (Question.Kind.MULTIPLE_CHOICE, {"choice": 1}),
    ],
    ids=["typed", "choice"],
)
def test_twenty_concurrent_answers_count_once(student, document, kind, answer):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    question = Question.objects.get(kind=kind)

    statuses = run_together(
        student,
        "post",
        reverse("study:attempt", args=[attempt.pk]),
        {"question": question.pk, **answer},
    )

    assert statuses == [200] * THREADS
    assert Response.objects.filter(attempt=attempt, question=question).count() == 1
    assert ReviewLog.objects.filter(question=question).count() == 1
    assert MemoryState.objects.filter(question=question).count() == 1


def test_concurrent_first_reviews_make_one_memory_state(student, document):
    card = document.flashcards.first()
    url = reverse("study:deck", args=[document.slug])

    statuses = run_together(student, "post", url, {"card": card.pk, "rating": 3})

    assert statuses == [200] * THREADS
    assert MemoryState.objects.filter(flashcard=card).count() == 1
    # Without a `shown` stamp each press is a separate review, applied one after another.
    assert ReviewLog.objects.filter(flashcard=card).count() == THREADS


def test_one_question_answered_in_twenty_quizzes_at_once_counts_each_answer(student, document):
    # Twenty open attempts (one per quiz) share a question the student has never seen: every
    # answer finds no memory state and tries to create it. One insert wins; the others roll
    # back whole and run again, so every answer counts and the state is updated by each.
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    attempts = []
    for i in range(THREADS):
        quiz = Quiz.objects.create(slug=f"shared-{i}", title=f"Shared {i}")
        QuizQuestion.objects.create(quiz=quiz, question=question)
        attempts.append(start(student, quiz))
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []

    def answer(attempt):
        client = Client(raise_request_exception=False)
        client.force_login(student)
        try:
            barrier.wait()
            url = reverse("study:attempt", args=[attempt.pk])
            data = {"question": question.pk, "answer": question.answer}
            statuses.append(client.post(url, data, HTTP_HX_REQUEST="true").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert statuses == [200] * THREADS
    assert Response.objects.filter(question=question).count() == THREADS
    assert ReviewLog.objects.filter(question=question).count() == THREADS
    assert MemoryState.objects.filter(question=question).count() == 1
    assert (
        Attempt.objects.filter(pk__in=[a.pk for a in attempts], finished_at__isnull=False).count()
        == THREADS
    )
