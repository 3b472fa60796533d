"""Schemathesis fuzzes every operation of the app's own schema, in-process, as a student and
as a teacher: no response is a server error and every response matches the schema.

Path ids are sometimes replaced with ids of real objects the signed-in user may see, so the
fuzzer reaches the success paths too, not only the 404s for made-up ids.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from quizapp.classes.tests.factories import ClassroomFactory, EnrollmentFactory
from quizapp.content.models import Section
from quizapp.content.tests.factories import build_etna_document
from quizapp.study import services as study
from quizapp.wsgi import application

# Of the methods an operation does not have, try only DELETE: DRF answers 405 for all alike.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"unexpected-methods": ["delete"]}}})
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same examples on every run, so a failure can be rerun
)

# Ids of objects made by the running test, for the path-parameter hook below.
REAL_IDS: dict[str, int] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half the time, point the path at objects that exist."""
    path_parameters = path_parameters or {}
    real = {name: REAL_IDS[name] for name in path_parameters if name in REAL_IDS}
    if not real:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, {**path_parameters, **real}])


@schema.hook
def flatmap_body(context, body):
    """Half the time, answer a real question of the attempt with one of its real options."""
    if not isinstance(body, dict) or "question" not in body or "question" not in REAL_IDS:
        return st.just(body)
    real = {**body, "question": REAL_IDS["question"], "choice": REAL_IDS["choice"]}
    return st.sampled_from([body, real])


@pytest.fixture
def keep_test_connection():
    """Keep the test's database connection open across in-process requests.

    A WSGI app closes old connections when a request starts and ends; on PostgreSQL that
    would close the test's own transaction. Django's test client suspends this the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(student, teacher, settings, keep_test_connection):
    """A document, a quiz with an open attempt, a class: what the fuzzer's users can reach."""
    from quizapp.study.tests.factories import QuizFactory

    document = build_etna_document()
    quiz = QuizFactory(slug="etna", title="Etna", questions=list(document.questions.all()))
    attempt, _ = study.start_attempt(student=student, quiz=quiz)
    classroom = ClassroomFactory(name="Geography", teacher=teacher)
    EnrollmentFactory(classroom=classroom, student=student)
    # Rate limits have their own tests; here they would hide the endpoints behind 429s.
    rates = dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "100000/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    question = document.questions.get(key="mc")
    # One section holding a card and a question, so `section` filters and quizzes find some.
    section = Section.objects.create(document=document, position=0, heading="Etna")
    document.questions.filter(pk=question.pk).update(section=section)
    document.flashcards.filter(key="card-0").update(section=section)
    REAL_IDS.clear()
    REAL_IDS.update(
        question=question.pk,
        choice=question.choices.get(is_correct=True).pk,
        document_id=document.pk,
        position=section.position,
        flashcard_id=document.flashcards.published().first().pk,
        quiz_id=quiz.pk,
        attempt_id=attempt.pk,
        classroom_id=classroom.pk,
    )
    yield
    REAL_IDS.clear()


def token_header(user) -> dict[str, str]:
    token, _ = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


@schema.parametrize()
@FUZZ
def test_api_as_student(case, world, student):
    case.call_and_validate(headers=token_header(student), checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_api_as_teacher(case, world, teacher):
    case.call_and_validate(headers=token_header(teacher), checks=CHECKS)
