"""CSRF is enforced on every POST the pages make with htmx, and on session-authenticated API
writes; a request without the token changes nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from quizapp.classes.models import Classroom, Enrollment
from quizapp.classes.tests.factories import ClassroomFactory
from quizapp.content.models import Choice, Flashcard, Question
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory
from quizapp.study.models import Attempt, Response, ReviewLog
from quizapp.study.tests.factories import QuizFactory

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rivers_quiz(db):
    """A published flashcard and a two-question quiz on one document."""
    document = DocumentFactory(slug="rivers", title="Rivers")
    FlashcardFactory(
        document=document,
        key="card",
        front="Longest river?",
        back="The Nile.",
        source_text="The Nile is the longest.",
    )
    questions = [
        QuestionFactory(
            document=document,
            key=f"q{i}",
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt=prompt,
            answer=right,
            choices=[right, "Thames"],
            source_text="s",
        )
        for i, (prompt, right) in enumerate([("Longest river?", "Nile"), ("Widest?", "Amazon")])
    ]
    return QuizFactory(slug="rivers-quiz", title="Rivers quiz", questions=questions)


@pytest.fixture
def strict_client(student):
    """A browser-like client: CSRF checked as in production, signed in as the student."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    return client


def page_token(client, url="/") -> str:
    """The token base.html hands to htmx in `hx-headers` on <body>."""
    html = client.get(url).content.decode()
    return re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def htmx_post(client, url, data, token=None):
    headers = {**HX, "HTTP_X_CSRFTOKEN": token} if token else HX
    return client.post(url, data, **headers)


def test_flashcard_rating_needs_the_token(strict_client, rivers_quiz):
    card = Flashcard.objects.get()
    data = {"card": card.pk, "rating": 3}
    refused = htmx_post(strict_client, reverse("study:review"), data)
    assert refused.status_code == 403
    assert ReviewLog.objects.count() == 0

    token = page_token(strict_client, reverse("study:review"))
    accepted = htmx_post(strict_client, reverse("study:review"), data, token)
    assert accepted.status_code == 200
    assert ReviewLog.objects.count() == 1


def test_starting_answering_and_finishing_a_quiz_need_the_token(
    strict_client, rivers_quiz, student
):
    start_url = reverse("study:quiz", args=[rivers_quiz.slug])
    assert strict_client.post(start_url).status_code == 403
    assert Attempt.objects.count() == 0

    token = page_token(strict_client, start_url)
    started = strict_client.post(start_url, {"csrfmiddlewaretoken": token})
    assert started.status_code == 302
    attempt = Attempt.objects.get(student=student)

    question = Question.objects.get(pk=attempt.question_ids[0])
    answer = {"question": question.pk, "choice": 1}  # the first option shown
    attempt_url = reverse("study:attempt", args=[attempt.pk])
    assert htmx_post(strict_client, attempt_url, answer).status_code == 403
    assert Response.objects.count() == 0
    accepted = htmx_post(strict_client, attempt_url, answer, token)
    assert accepted.status_code == 200
    assert Response.objects.count() == 1

    finish_url = reverse("study:finish", args=[attempt.pk])
    assert htmx_post(strict_client, finish_url, {}).status_code == 403
    attempt.refresh_from_db()
    assert attempt.finished_at is None
    assert htmx_post(strict_client, finish_url, {}, token).status_code == 200
    attempt.refresh_from_db()
    assert attempt.finished_at is not None


def test_joining_a_class_and_logging_out_need_the_token(strict_client, teacher, student):
    classroom = ClassroomFactory(name="Geography", teacher=teacher, join_code="GEOG1234")
    join_url = reverse("classes:join")
    assert strict_client.post(join_url, {"code": "GEOG1234"}).status_code == 403
    assert not Enrollment.objects.filter(classroom=classroom).exists()
    token = page_token(strict_client, join_url)
    joined = strict_client.post(join_url, {"code": "GEOG1234", "csrfmiddlewaretoken": token})
    assert joined.status_code == 302
    assert Enrollment.objects.filter(classroom=classroom, student=student).exists()

    assert strict_client.post(reverse("logout")).status_code == 403
    assert strict_client.get(reverse("study:home")).status_code == 200  # still signed in
    strict_client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert strict_client.get(reverse("study:home")).status_code == 302  # signed out


def test_teacher_forms_need_the_token(teacher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teacher)
    url = reverse("classes:list")
    assert client.post(url, {"name": "Year 8"}).status_code == 403
    assert not Classroom.objects.exists()
    token = page_token(client, url)
    assert client.post(url, {"name": "Year 8", "csrfmiddlewaretoken": token}).status_code == 302
    assert Classroom.objects.filter(name="Year 8").exists()


def test_the_refusal_page_says_what_to_do(strict_client, rivers_quiz):
    refused = htmx_post(strict_client, reverse("study:review"), {"card": 1, "rating": 3})
    assert refused.status_code == 403
    assert b"Traceback" not in refused.content
    assert b"Reload the page and try again; nothing was saved." in refused.content


def test_session_api_writes_need_the_token_but_token_clients_do_not(
    strict_client, rivers_quiz, student
):
    url = f"/api/quizzes/{rivers_quiz.pk}/attempts/"
    refused = strict_client.post(url, {}, content_type="application/json")
    assert refused.status_code == 403
    assert Attempt.objects.count() == 0
    token = page_token(strict_client)
    accepted = strict_client.post(url, {}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code in (200, 201)
    assert Attempt.objects.count() == 1

    # A token is not sent by a browser on its own, so token clients need no CSRF token.
    api_client = Client(enforce_csrf_checks=True)
    key = Token.objects.create(user=student).key
    attempt = Attempt.objects.get()
    question_id = attempt.question_ids[0]
    answered = api_client.post(
        f"/api/attempts/{attempt.pk}/answers/",
        {
            "question": question_id,
            "choice": Choice.objects.get(question_id=question_id, position=0).pk,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert answered.status_code == 200, answered.content
    assert Response.objects.count() == 1


def test_a_quiz_form_carries_its_token_on_a_whole_page_and_htmx_sends_it_in_a_fragment(
    strict_client, rivers_quiz, student
):
    """Without JavaScript the answer form posts its own field; a fragment relies on htmx."""
    start_url = reverse("study:quiz", args=[rivers_quiz.slug])
    token = page_token(strict_client, start_url)
    page = strict_client.post(start_url, {"csrfmiddlewaretoken": token}, follow=True)
    form = re.search(r'<form[^>]*class="question-form".*?</form>', page.content.decode(), re.S)
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0))
    attempt = Attempt.objects.get(student=student)
    attempt_url = reverse("study:attempt", args=[attempt.pk])
    first = Question.objects.get(pk=attempt.question_ids[0])
    posted = strict_client.post(
        attempt_url, {"question": first.pk, "choice": 1, "csrfmiddlewaretoken": field.group(1)}
    )
    assert posted.status_code == 302 and Response.objects.count() == 1

    fragment = strict_client.get(attempt_url, **HX).content.decode()
    assert 'class="question-form"' in fragment and "csrfmiddlewaretoken" not in fragment
    second = Question.objects.get(pk=attempt.question_ids[1])
    data = {"question": second.pk, "choice": 1}
    assert htmx_post(strict_client, attempt_url, data, token).status_code == 200
    assert Response.objects.count() == 2
