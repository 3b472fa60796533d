"""Exports for a learning platform from the review page and a quiz's page: teachers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizapp.content.exchange import moodle, qti
from quizapp.study.models import Quiz


def test_the_review_page_offers_both_exports_that_hold_the_bank(client, teacher, review_document):
    client.force_login(teacher)
    page = client.get(reverse("teach:review", args=["vilnius"])).content.decode()
    qti_url = reverse("teach:export", args=["vilnius", "qti"])
    moodle_url = reverse("teach:export", args=["vilnius", "moodle"])
    assert f'href="{qti_url}" download>QTI 2.1 package (.zip)</a>' in page
    assert f'href="{moodle_url}" download>Moodle XML (.xml)</a>' in page

    response = client.get(qti_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="vilnius-qti.zip"'
    questions, errors = qti.parse(response.content)
    assert errors == []
    assert {(q.document, q.key) for q in questions} == {
        ("vilnius", "low"),
        ("vilnius", "high"),
        ("vilnius", "cloze"),
    }

    response = client.get(moodle_url)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vilnius-moodle.xml"'
    questions, errors = moodle.parse(response.content)
    cloze = next(q for q in questions if q.kind == "cloze")
    assert cloze.prompt == "The Old Town of _____ is a World Heritage Site."
    assert client.get(reverse("teach:export", args=["vilnius", "pdf"])).status_code == 404


def test_students_cannot_export_a_document(client, student, review_document):
    client.force_login(student)
    response = client.get(reverse("teach:export", args=["vilnius", "qti"]))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.fixture
def quiz(review_document):
    return Quiz.objects.create(slug="vilnius-quiz", title="Vilnius", document=review_document)


def test_the_quiz_page_offers_exports_to_teachers_only(client, teacher, student, quiz):
    qti_url = reverse("study:quiz_export", args=[quiz.slug, "qti"])
    client.force_login(teacher)
    page = client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()
    assert f'href="{qti_url}"' in page
    response = client.get(qti_url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="vilnius-quiz-qti.zip"'
    questions, errors = qti.parse(response.content)
    # A quiz drawn from a document asks its published questions only.
    assert errors == [] and [q.key for q in questions] == ["cloze"]

    client.force_login(student)
    page = client.get(reverse("study:quiz", args=[quiz.slug])).content.decode()
    assert "export" not in page.lower()
    for fmt in ("qti", "moodle"):
        response = client.get(reverse("study:quiz_export", args=[quiz.slug, fmt]))
        assert response.status_code == 403
        assert b"World Heritage" not in response.content


def test_another_teachers_document_is_not_found(client, other_teacher, review_document):
    client.force_login(other_teacher)
    assert client.get(reverse("teach:export", args=["vilnius", "qti"])).status_code == 404
