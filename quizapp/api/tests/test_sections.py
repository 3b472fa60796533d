"""Sections through the API: on the document, as a filter on its cards, and a section's quiz."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizapp.content.models import Flashcard, Question
from quizapp.content.tests.factories import build_sectioned_document
from quizapp.study.models import MemoryState, Quiz

from .test_access import HIDDEN


@pytest.fixture
def canals(db):
    """Three sections, each with two published cards, two published questions and a draft."""
    return build_sectioned_document(sections=3, title="Canals")


def test_the_document_lists_its_sections_in_order_with_their_counts(student, canals, client_for):
    body = client_for(student).get(f"/api/documents/{canals.pk}/").json()

    assert body["sections"] == [
        {
            "position": i,
            "heading": f"Part {i + 1}",
            "level": 2,
            "word_count": 40,
            "flashcard_count": 2,
            "question_count": 2,
        }
        for i in range(3)
    ]
    # The document's own counts still cover everything, the FAQ card too.
    assert body["flashcard_count"] == 7 and body["question_count"] == 6


def test_a_document_without_headings_has_no_sections(student, etna, client_for):
    assert client_for(student).get(f"/api/documents/{etna.pk}/").json()["sections"] == []


def test_a_documents_cards_can_be_listed_for_one_section(student, canals, client_for):
    client = client_for(student)

    cards = client.get(f"/api/documents/{canals.pk}/flashcards/", {"section": 1}).json()

    assert sorted(c["front"] for c in cards["results"]) == ["Part 2 card 0?", "Part 2 card 1?"]
    assert {c["section"] for c in cards["results"]} == {1}
    every = client.get(f"/api/documents/{canals.pk}/flashcards/").json()["results"]
    assert [c["section"] for c in every if c["front"] == "FAQ card?"] == [None]


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ({"section": 3}, 404, "detail"),
        ({"section": -1}, 400, "section"),
        ({"section": "x"}, 400, "section"),
    ],
)
def test_a_section_that_is_not_there_is_refused(student, canals, client_for, query, status, field):
    response = client_for(student).get(f"/api/documents/{canals.pk}/flashcards/", query)
    assert response.status_code == status
    assert field in response.json()


def test_due_cards_of_one_section(student, canals, client_for):
    client = client_for(student)
    seen = Flashcard.objects.get(document=canals, key="card-2")
    MemoryState.objects.create(
        student=student, flashcard=seen, due=timezone.now() + timedelta(days=2)
    )

    due = client.get("/api/flashcards/due/", {"document": canals.pk, "section": 1}).json()

    assert [c["front"] for c in due["results"]] == ["Part 2 card 1?"]
    refused = client.get("/api/flashcards/due/", {"section": 1})
    assert refused.status_code == 400 and "document" in refused.json()["section"][0]


def test_a_sections_quiz_draws_only_from_it_and_hides_the_answers(student, canals, client_for):
    client = client_for(student)

    quiz = client.post(f"/api/documents/{canals.pk}/sections/2/quiz/").json()

    assert quiz["title"] == "Canals: Part 3" and quiz["section"] == 2
    assert quiz["document"] == canals.pk
    started = client.post(f"/api/quizzes/{quiz['id']}/attempts/")
    assert started.status_code == 201
    questions = started.json()["questions"]
    assert sorted(q["prompt"] for q in questions) == ["Part 3 question 0?", "Part 3 question 1?"]
    for question in questions:
        assert not HIDDEN & set(question)
        assert all(set(choice) == {"id", "text"} for choice in question["choices"])
    # Asking again gives the same quiz.
    again = client.post(f"/api/documents/{canals.pk}/sections/2/quiz/").json()
    assert again["id"] == quiz["id"]
    assert client.post(f"/api/documents/{canals.pk}/quiz/").json()["section"] is None


def test_a_section_quiz_without_published_questions_cannot_start(student, canals, client_for):
    Question.objects.filter(section__position=0).delete()
    client = client_for(student)
    quiz = client.post(f"/api/documents/{canals.pk}/sections/0/quiz/").json()
    started = client.post(f"/api/quizzes/{quiz['id']}/attempts/")
    assert started.status_code == 409, started.json()
    assert "no published questions" in started.json()["detail"]


def test_a_section_quiz_of_a_missing_section_is_a_404(student, canals, client_for):
    client = client_for(student)
    assert client.post(f"/api/documents/{canals.pk}/sections/3/quiz/").status_code == 404
    assert client.post(f"/api/documents/{canals.pk + 99}/sections/0/quiz/").status_code == 404
    assert not Quiz.objects.exists()


def count_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, response.content
    return len(queries)


def test_sections_cost_the_same_queries_for_2_and_for_5(student, client_for):
    client = client_for(student)
    counts = {}
    for n in (2, 5):
        document = build_sectioned_document(f"doc-{n}", sections=n)
        counts[n] = (
            count_queries(client, f"/api/documents/{document.pk}/"),
            count_queries(client, f"/api/documents/{document.pk}/flashcards/", {"section": 1}),
            count_queries(client, "/api/flashcards/due/", {"document": document.pk, "section": 1}),
            count_queries(client, f"/api/documents/{document.pk}/flashcards/"),
        )
    assert counts[2] == counts[5], counts
