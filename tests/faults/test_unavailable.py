"""PostgreSQL down: every page 503 with `Retry-After` within seconds, and back by itself."""

from __future__ import annotations

import time

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from quizapp.ops.unavailable import server_error
from quizapp.study import services
from quizapp.study.models import Response
from quizapp.study.tests.factories import QuizFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith("text/html")
    assert "briefly unavailable" in response.content.decode()


@pytest.mark.django_db
def test_a_database_error_in_a_middleware_is_a_503_too():
    request = RequestFactory().get("/progress/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert_unavailable_page(response)


@pytest.mark.django_db
def test_any_other_error_is_still_a_500():
    request = RequestFactory().get("/progress/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


@pytest.fixture
def attempt(student, small_document):
    quiz = QuizFactory(slug="vilnius-quiz", title="Vilnius", document=small_document, shuffle=True)
    attempt, _created = services.start_attempt(student=student, quiz=quiz)
    return attempt


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="takes a PostgreSQL server away")
def test_every_page_answers_503_quickly_and_recovers(client, student, attempt, database_down):
    down, back = database_down
    client.force_login(student)
    question_id = attempt.question_ids[0]
    down()
    started = time.monotonic()
    assert_unavailable_page(client.get(reverse("study:home")))
    assert_unavailable_page(client.get(reverse("study:progress")))
    answer = client.post(
        reverse("study:attempt", args=[attempt.pk]),
        {"question": question_id, "answer": "Gediminas"},
        **HTMX,
    )
    assert_unavailable_page(answer)
    api = client.get("/api/documents/")
    assert api.status_code == 503
    assert api["Retry-After"] == "10"
    assert "briefly unavailable" in api.json()["detail"]
    login = client.post(reverse("login"), {"username": "student_a", "password": "pw-student_a"})
    assert_unavailable_page(login)
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json()["database"] == "unavailable"
    assert time.monotonic() - started < 5
    back()
    assert client.get(reverse("study:home")).status_code == 200
    assert not Response.objects.exists()  # the answer that got a 503 was not stored
    answer = client.post(
        reverse("study:attempt", args=[attempt.pk]),
        {"question": question_id, "answer": "Gediminas"},
        **HTMX,
    )
    assert answer.status_code == 200
    assert Response.objects.count() == 1
