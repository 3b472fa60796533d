"""The access matrix: every API route, called by anonymous, student A, student B, the class's
teacher and another teacher. Other people's attempts and classes answer 404, lists show only
what is yours, and answers stay hidden until a question is answered.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import URLPattern, get_resolver

from quizapp.content.models import Section
from quizapp.content.tests.factories import UploadFactory
from quizapp.study import services as study
from quizapp.study.models import Quiz
from quizapp.study.tests.factories import QuizFactory, answer, start

ROLES = ["anonymous", "student_a", "student_b", "teacher", "other_teacher"]
HIDDEN = {"is_correct", "answer", "alternatives", "explanation", "correct_answer", "correct_choice"}


@pytest.fixture
def people(student, other_student, teacher, other_teacher):
    return {
        "anonymous": None,
        "student_a": student,
        "student_b": other_student,
        "teacher": teacher,
        "other_teacher": other_teacher,
    }


@pytest.fixture
def setting(student, etna_quiz, geography_class, etna):
    """A's open attempt (one answer given), A's finished attempt, A's review of a card."""
    open_attempt, _ = study.start_attempt(student=student, quiz=etna_quiz)
    first = etna.questions.get(key="mc")
    answer(open_attempt, first, choice=first.choices.get(is_correct=True))
    other_quiz = QuizFactory(slug="etna-again", title="Etna again", questions=[first])
    finished = study.finish_attempt(attempt=start(student, other_quiz))
    card = etna.flashcards.published().first()
    study.record_review(student=student, flashcard=card, rating=3)
    Section.objects.create(document=etna, position=0, heading="Etna")
    return {
        "document": etna,
        "quiz": etna_quiz,
        "open": open_attempt,
        "finished": finished,
        "card": card,
        "question": etna.questions.get(key="tf"),
        "classroom": geography_class,
        "upload": UploadFactory(
            batch=uuid.uuid4(), teacher=geography_class.teacher, name="x.txt", text="Some text."
        ),
    }


def matrix(s):
    """(route name, method, path, body, expected status per role in ROLES order)."""
    d, q, o, f, c = s["document"], s["quiz"], s["open"], s["finished"], s["classroom"]
    tf = s["question"]
    answer = {"question": tf.pk, "choice": tf.choices.get(is_correct=True).pk}
    everyone = [401, 200, 200, 200, 200]
    only_a = [401, 200, 404, 404, 404]
    return [
        # A name no run has used: lockout counts may outlive a test in a shared Redis.
        ("token", "post", "/api/auth/token/", {"username": uuid.uuid4().hex, "password": "y"},
         [400] * 5),
        ("me", "get", "/api/me/", None, everyone),
        ("documents", "get", "/api/documents/", None, everyone),
        ("document-upload", "post", "/api/documents/upload/", {}, [401, 403, 403, 400, 400]),
        ("upload", "get", f"/api/uploads/{s['upload'].pk}/", None, [401, 403, 403, 200, 404]),
        ("document", "get", f"/api/documents/{d.pk}/", None, everyone),
        ("document-flashcards", "get", f"/api/documents/{d.pk}/flashcards/", None, everyone),
        ("document-deck-package", "get", f"/api/documents/{d.pk}/deck.apkg", None, everyone),
        ("document-quiz", "post", f"/api/documents/{d.pk}/quiz/", None, everyone),
        ("section-quiz", "post", f"/api/documents/{d.pk}/sections/0/quiz/", None, everyone),
        ("due-cards", "get", "/api/flashcards/due/", None, everyone),
        ("flashcard-review", "post", f"/api/flashcards/{s['card'].pk}/reviews/", {"rating": 3},
         everyone),
        ("quizzes", "get", "/api/quizzes/", None, everyone),
        ("quiz", "get", f"/api/quizzes/{q.pk}/", None, everyone),
        # The export holds the answers: teachers only.
        ("quiz-export", "get", f"/api/quizzes/{q.pk}/export?format=qti", None,
         [401, 403, 403, 200, 200]),
        # A has an open attempt (200: the same one back); the others start one (201).
        ("attempt-start", "post", f"/api/quizzes/{q.pk}/attempts/", None,
         [401, 200, 201, 201, 201]),
        ("attempts", "get", "/api/attempts/", None, everyone),
        ("attempt", "get", f"/api/attempts/{o.pk}/", None, only_a),
        ("answer", "post", f"/api/attempts/{o.pk}/answers/", answer, only_a),
        ("result", "get", f"/api/attempts/{f.pk}/result/", None, only_a),
        ("finish", "post", f"/api/attempts/{o.pk}/finish/", None, only_a),
        ("progress", "get", "/api/progress/", None, everyone),
        ("classes", "get", "/api/classes/", None, [401, 403, 403, 200, 200]),
        ("classes-joined", "get", "/api/classes/joined/", None, everyone),
        ("class-report", "get", f"/api/classes/{c.pk}/report/", None, [401, 403, 403, 200, 404]),
        # The teacher cannot join their own class; anyone else may.
        ("class-join", "post", "/api/classes/join/", {"code": c.join_code},
         [401, 200, 200, 400, 200]),
        ("logout", "post", "/api/auth/logout/", None, [401, 204, 204, 204, 204]),
        ("schema", "get", "/api/schema/", None, [200] * 5),
        ("docs", "get", "/api/docs/", None, [200] * 5),
    ]  # fmt: skip


def api_route_names() -> set[str]:
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    return {p.name for p in api.url_patterns if isinstance(p, URLPattern) and p.name}


def test_the_matrix_covers_every_api_route(setting):
    assert {row[0] for row in matrix(setting)} == api_route_names()


def test_access_matrix(setting, people, client_for):
    failures = []
    for _name, method, path, body, expected in matrix(setting):
        for role, want in zip(ROLES, expected, strict=True):
            client = client_for(people[role])
            response = getattr(client, method)(path, body, format="json")
            if response.status_code != want:
                failures.append(f"{role} {method.upper()} {path}: {response.status_code} != {want}")
    assert not failures, "\n".join(failures)


def test_lists_show_only_your_own(setting, people, client_for):
    b = client_for(people["student_b"])
    assert b.get("/api/attempts/").json()["count"] == 0
    progress = b.get("/api/progress/").json()
    assert progress["reviews_total"] == 0
    assert progress["weakest"] == []
    a = client_for(people["student_a"])
    assert a.get("/api/attempts/").json()["count"] == 2
    assert a.get("/api/progress/").json()["reviews_total"] == 2  # one card, one quiz answer


def test_a_teacher_sees_only_their_classes(setting, people, client_for):
    mine = client_for(people["teacher"]).get("/api/classes/").json()
    assert [c["name"] for c in mine["results"]] == ["Geography 7"]
    assert mine["results"][0]["join_code"] == setting["classroom"].join_code
    theirs = client_for(people["other_teacher"]).get("/api/classes/").json()
    assert theirs["count"] == 0
    report = client_for(people["teacher"]).get(f"/api/classes/{setting['classroom'].pk}/report/")
    assert [row["username"] for row in report.json()["students"]] == ["student_a"]


def hidden_values(data) -> list:
    """Every non-empty value under a key that would give an answer away."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in HIDDEN and value not in (None, "", []):
                found.append((key, value))
            found.extend(hidden_values(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(hidden_values(item))
    return found


def test_students_never_see_answers_before_answering(student, etna_quiz, client_for):
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    assert hidden_values(started) == []
    assert {"id", "text"} == set(started["questions"][0]["choices"][0])
    detail = client.get(f"/api/attempts/{started['attempt']['id']}/").json()
    assert hidden_values(detail) == []
    assert hidden_values(client.get(f"/api/quizzes/{etna_quiz.pk}/").json()) == []
    assert client.get(f"/api/attempts/{started['attempt']['id']}/result/").status_code == 409

    # Feedback after each question: the verdict comes with the answer, for that question only.
    question = started["questions"][0]
    response = client.post(
        f"/api/attempts/{started['attempt']['id']}/answers/",
        {"question": question["id"], "choice": question["choices"][0]["id"]},
        format="json",
    ).json()
    assert response["is_correct"] is False  # Sardinia
    assert response["correct_answer"] == "Sicily"
    detail = client.get(f"/api/attempts/{started['attempt']['id']}/").json()
    assert [a["question"] for a in detail["answers"]] == [question["id"]]
    assert hidden_values(detail["questions"]) == []


def test_feedback_at_the_end_hides_verdicts_until_finished(student, etna_quiz, client_for):
    etna_quiz.feedback = Quiz.Feedback.END
    etna_quiz.save()
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    attempt_id = started["attempt"]["id"]
    question = started["questions"][0]
    answered = client.post(
        f"/api/attempts/{attempt_id}/answers/",
        {"question": question["id"], "choice": question["choices"][1]["id"]},
        format="json",
    ).json()
    assert hidden_values(answered) == []
    assert hidden_values(client.get(f"/api/attempts/{attempt_id}/").json()) == []
    result = client.post(f"/api/attempts/{attempt_id}/finish/").json()
    assert result["score"] == 1
    assert result["questions"][0]["answer"]["is_correct"] is True
