"""Each student page runs the same few queries with 5 items as with 500 (and a larger library)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quizapp.content.models import Document, Question
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory
from quizapp.study import services
from quizapp.study.models import MemoryState, ReviewLog
from quizapp.study.tests.factories import answer

# Full pages: session, user, the page's own reads; progress is the largest with 7.
MAX_QUERIES = 7
# An answer, which returns the next question with its feedback (one request per question):
# session and user, the attempt (locked, carrying the quiz's rules as it started), the update
# times of the question answered and the next one (cached with their choices; the next
# one's two reads the first time), the response, the memory state (lock, update), the
# review log, the attempt's answered questions, and the test transaction's
# SAVEPOINT/RELEASE: 13 statements the first time a question is seen, the same with 5
# items as with 500.
MAX_ANSWER_QUERIES = 13
ANSWER = "quiz answer (htmx post)"
# A rating returns the next card and the header's new due count (out of band), which the
# page used to fetch in a request of its own (session, user, count): 11 statements.
MAX_RATING_QUERIES = 11
RATING = "review step (htmx rating)"
HTMX = {"HTTP_HX_REQUEST": "true"}


def build_history(student, n: int) -> Document:
    """n flashcards and n questions, all studied, with a review log each over 30 days."""
    now = timezone.now()
    document = DocumentFactory(slug=f"doc-{n}")
    cards = FlashcardFactory.create_many(n, document=document, key=lambda i: f"c{i}")
    questions = QuestionFactory.create_many(
        n,
        document=document,
        key=lambda i: f"q{i}",
        kind=Question.Kind.MULTIPLE_CHOICE,
        answer="A",
        choices="ABC",
    )
    states = [
        MemoryState(
            student=student,
            flashcard=card,
            state=2,
            stability=3.0 + i % 7,
            difficulty=5.0,
            due=now + timedelta(days=i % 20 - 5),
            last_review=now - timedelta(days=i % 10),
        )
        for i, card in enumerate(cards)
    ] + [
        MemoryState(
            student=student,
            question=q,
            state=2,
            stability=2.0,
            difficulty=6.0,
            due=now + timedelta(days=1),
            last_review=now - timedelta(days=1),
        )
        for q in questions
    ]
    MemoryState.objects.bulk_create(states)
    ReviewLog.objects.bulk_create(
        ReviewLog(
            student=student,
            flashcard=card,
            rating=1 + i % 4,
            reviewed_at=now - timedelta(days=i % 30),
            source="flashcard",
        )
        for i, card in enumerate(cards)
    )
    return document


def count_queries(client, method, url, data=None, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {}, **extra)
    assert response.status_code in (200, 302), response.status_code
    return len(ctx.captured_queries)


def grow_library(n: int) -> None:
    """n more documents with a published card and question each, that the student never opens."""
    documents = DocumentFactory.create_many(
        n, slug=lambda i: f"lib-{n}-{i}", title=lambda i: f"Library {i}"
    )
    FlashcardFactory.create_many(n, document=lambda i: documents[i], key="c")
    QuestionFactory.create_many(
        n, document=lambda i: documents[i], key="q", kind="cloze", prompt="P _____", answer="A"
    )


def page_costs(client, student, n: int) -> dict[str, int]:
    document = build_history(student, n)
    grow_library(n // 5)
    quiz = services.quiz_for_document(document=document)
    quiz.question_count = None  # every question, so the attempt grows with n
    quiz.save()
    attempt, _ = services.start_attempt(student=student, quiz=quiz)
    for pk in attempt.question_ids[: n // 2]:
        question = Question.objects.get(pk=pk)
        answer(attempt, question, choice=question.choices.first())
    deck = reverse("study:deck", args=[document.slug])
    card = document.flashcards.first()
    next_question = attempt.question_ids[n // 2]
    attempt_url = reverse("study:attempt", args=[attempt.pk])
    return {
        "home": count_queries(client, "get", reverse("study:home")),
        "review page": count_queries(client, "get", deck),
        RATING: count_queries(client, "post", deck, {"card": card.pk, "rating": 3}, **HTMX),
        "quiz page": count_queries(client, "get", attempt_url),
        ANSWER: count_queries(
            client, "post", attempt_url, {"question": next_question, "choice": 1}, **HTMX
        ),
        "quiz next question (htmx)": count_queries(client, "get", attempt_url, **HTMX),
        "review card (htmx)": count_queries(client, "get", deck, **HTMX),
        "reveal answer (htmx)": count_queries(
            client, "get", deck, {"card": card.pk, "reveal": "1"}, **HTMX
        ),
        "progress": count_queries(client, "get", reverse("study:progress")),
        "library": count_queries(client, "get", reverse("study:library")),
        "library search (htmx)": count_queries(
            client, "get", reverse("study:library"), {"q": "doc"}, **HTMX
        ),
        "review everything due": count_queries(client, "get", reverse("study:review")),
        "due badge (htmx)": count_queries(client, "get", reverse("study:due_badge"), **HTMX),
    }


@pytest.mark.parametrize("n", [5, 500])
def test_pages_stay_under_the_query_budget(client, make_user, n):
    student = make_user(f"s{n}")
    client.force_login(student)
    costs = page_costs(client, student, n)
    answer, rating = costs.pop(ANSWER), costs.pop(RATING)
    assert max(costs.values()) <= MAX_QUERIES, costs
    assert answer <= MAX_ANSWER_QUERIES
    assert rating <= MAX_RATING_QUERIES


def test_query_counts_do_not_grow_with_items(client, make_user):
    small_student, big_student = make_user("small"), make_user("big")
    client.force_login(small_student)
    small = page_costs(client, small_student, 5)
    client.force_login(big_student)
    big = page_costs(client, big_student, 500)
    assert small == big


def test_the_header_asks_for_permissions_only_for_staff(client, make_user, teacher):
    """A student's header never loads permissions; a teacher's shows the teaching links."""
    client.force_login(make_user("plain"))
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("study:home")).content.decode()
    assert not [q for q in ctx.captured_queries if "auth_permission" in q["sql"]]
    classes_link = f'<a href="{reverse("classes:list")}">Classes</a>'
    assert classes_link not in page

    client.force_login(teacher)
    page = client.get(reverse("study:home")).content.decode()
    assert classes_link in page
    assert f'<a href="{reverse("teach:home")}">Documents</a>' in page
