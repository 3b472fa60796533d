"""No mass assignment: fields a client may not set are refused with 400 and nothing changes."""

from __future__ import annotations

import pytest

from quizapp.classes.models import Enrollment
from quizapp.study import services as study
from quizapp.study.models import Attempt, MemoryState, ReviewLog
from quizapp.study.models import Response as Answer


@pytest.fixture
def attempt(student, etna_quiz):
    return study.start_attempt(student=student, quiz=etna_quiz)[0]


@pytest.mark.parametrize(
    "extra",
    [{"is_correct": True}, {"score": 3}, {"user": 1}, {"state": 2}, {"attempt": 1}],
)
def test_answer_refuses_fields_it_does_not_take(extra, student, attempt, client_for):
    question = attempt.quiz.questions.get(key="mc")
    wrong = question.choices.get(is_correct=False)
    body = {"question": question.pk, "choice": wrong.pk, **extra}
    response = client_for(student).post(f"/api/attempts/{attempt.pk}/answers/", body, "json")
    assert response.status_code == 400
    [field] = extra
    assert "accepts only" in response.json()[field][0]
    assert not Answer.objects.exists()
    attempt.refresh_from_db()
    assert attempt.score is None and attempt.finished_at is None


def test_review_refuses_state_and_user(student, other_student, etna, client_for):
    card = etna.flashcards.published().first()
    body = {"rating": 4, "state": 2, "user": other_student.pk, "due": "2030-01-01T00:00:00Z"}
    response = client_for(student).post(f"/api/flashcards/{card.pk}/reviews/", body, "json")
    assert response.status_code == 400
    assert set(response.json()) == {"state", "user", "due"}
    assert not MemoryState.objects.exists()
    assert not ReviewLog.objects.exists()


def test_join_refuses_a_student_field(student, other_student, geography_class, client_for):
    body = {"code": geography_class.join_code, "student": student.pk}
    response = client_for(other_student).post("/api/classes/join/", body, "json")
    assert response.status_code == 400
    assert not Enrollment.objects.filter(student=other_student).exists()


def test_upload_refuses_a_status_field(teacher, client_for):
    body = {"name": "x.txt", "text": "Some text.", "status": "published"}
    response = client_for(teacher).post("/api/documents/upload/", body, "json")
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_start_takes_no_body_so_its_fields_change_nothing(
    student, other_student, etna_quiz, client_for
):
    body = {"student": other_student.pk, "score": 3, "max_score": 1, "number": 7}
    response = client_for(student).post(f"/api/quizzes/{etna_quiz.pk}/attempts/", body, "json")
    assert response.status_code == 201
    attempt = Attempt.objects.get()
    assert (attempt.student, attempt.score, attempt.max_score, attempt.number) == (
        student,
        None,
        3,
        1,
    )


def test_a_second_answer_cannot_replace_the_first(student, attempt, client_for):
    question = attempt.quiz.questions.get(key="mc")
    wrong, right = question.choices.order_by("is_correct")
    client = client_for(student)
    url = f"/api/attempts/{attempt.pk}/answers/"
    first = client.post(url, {"question": question.pk, "choice": wrong.pk}, "json").json()
    again = client.post(url, {"question": question.pk, "choice": right.pk}, "json").json()
    assert first["is_correct"] is False
    assert again == first
    assert Answer.objects.get().choice == wrong
