"""Endpoints seen from a client: uploading documents, reviewing cards, the quiz flow's edges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from quizapp.content.models import Document, Question, Upload
from quizapp.study.models import Attempt, MemoryState, Quiz

SEED_TEXT = next((django_settings.BASE_DIR / "seeds").glob("*.txt")).read_text(encoding="utf-8")


def test_a_teacher_uploads_a_document_and_sees_what_it_generated(teacher, client_for, run_worker):
    client = client_for(teacher)
    body = {"name": "moscow-talks.txt", "text": SEED_TEXT}
    response = client.post("/api/documents/upload/", body, format="json")
    assert response.status_code == 202, response.json()
    queued = response.json()
    assert queued["state"] == "queued" and queued["generated"] is None
    assert response["Location"] == queued["url"]
    assert not Document.objects.exists()  # the worker generates it, not the request

    run_worker()  # the same task the upload page queues
    data = client.get(queued["url"]).json()
    document = Document.objects.get(slug="moscow-talks")
    assert data["state"] == "done" and data["outcome"] == "created"
    assert data["document"] == document.pk
    assert document.date.isoformat() == "2023-11-11"
    generated = data["generated"]
    assert len(generated["flashcards"]) == data["flashcards"] == document.flashcards.count() > 0
    assert len(generated["questions"]) == data["questions"] == document.questions.count() > 0
    first = generated["questions"][0]
    stored = Question.objects.get(pk=first["id"])
    # The teacher sees answers: they review what was generated.
    assert first["answer"] == stored.answer
    assert first["source_text"] == stored.source_text

    again = client.post("/api/documents/upload/", body, format="json")
    assert again.status_code == 202
    run_worker()
    assert client.get(again.json()["url"]).json()["outcome"] == "unchanged"
    assert Document.objects.count() == 1


def test_a_teacher_sees_only_their_own_uploads(teacher, client_for, make_user):
    from django.contrib.auth.models import Group

    other = make_user("teacher_u", is_staff=True)
    other.groups.add(Group.objects.get(name="Teachers"))
    body = {"name": "talks", "text": SEED_TEXT}
    queued = client_for(teacher).post("/api/documents/upload/", body, format="json").json()
    assert queued["name"] == "talks.txt"
    assert client_for(other).get(queued["url"]).status_code == 404


def test_students_cannot_upload(student, client_for):
    body = {"name": "x.txt", "text": SEED_TEXT}
    response = client_for(student).post("/api/documents/upload/", body, format="json")
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_an_unreadable_upload_says_what_to_fix(teacher, client_for, settings):
    """Refused in the request, before anything is queued."""
    client = client_for(teacher)
    blank = client.post("/api/documents/upload/", {"name": "x.txt", "text": "  \n\n "}, "json")
    assert blank.status_code == 400
    assert blank.json()["text"]
    settings.QUIZAPP_MAX_DOCUMENT_BYTES = 100
    big = client.post("/api/documents/upload/", {"name": "x.txt", "text": "é" * 60}, "json")
    assert big.status_code == 400
    assert "larger than 100 bytes" in big.json()["text"][0]
    nameless = client.post("/api/documents/upload/", {"name": "...", "text": "Hi."}, "json")
    assert "letters or digits" in nameless.json()["name"][0]
    binary = client.post("/api/documents/upload/", {"name": "x.txt", "text": "a\x00b"}, "json")
    assert binary.status_code == 400 and binary.json()["text"]
    assert not Document.objects.exists()
    assert not Upload.objects.exists()


def test_reviewing_a_card_schedules_it(student, etna, client_for):
    card = etna.flashcards.published().first()
    client = client_for(student)
    # Not the student's document yet: only asking for it by id lists its cards.
    assert client.get("/api/flashcards/due/").json()["results"] == []
    due_before = client.get(f"/api/flashcards/due/?document={etna.pk}").json()
    assert card.pk in [c["id"] for c in due_before["results"]]
    response = client.post(f"/api/flashcards/{card.pk}/reviews/", {"rating": 4}, format="json")
    assert response.status_code == 200
    state = MemoryState.objects.get(student=student, flashcard=card)
    assert response.json()["due"] == state.due.isoformat().replace("+00:00", "Z")
    assert state.due > timezone.now() + timedelta(hours=12)  # Easy: not due again today
    # Now it is: its other cards are due everywhere, the one just reviewed is not.
    due_after = [c["id"] for c in client.get("/api/flashcards/due/").json()["results"]]
    assert card.pk not in due_after and due_after


def test_a_rating_outside_one_to_four_is_refused(student, etna, client_for):
    card = etna.flashcards.published().first()
    response = client_for(student).post(f"/api/flashcards/{card.pk}/reviews/", {"rating": 5})
    assert response.status_code == 400
    assert "rating" in response.json()
    assert not MemoryState.objects.exists()


def test_draft_cards_cannot_be_reviewed(student, etna, client_for):
    draft = etna.flashcards.get(key="draft-card")
    response = client_for(student).post(f"/api/flashcards/{draft.pk}/reviews/", {"rating": 3})
    assert response.status_code == 404


def test_a_finished_attempt_takes_no_more_answers(student, etna_quiz, client_for):
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    attempt_id = started["attempt"]["id"]
    assert client.post(f"/api/attempts/{attempt_id}/finish/").status_code == 200
    question = started["questions"][1]  # the typed one
    late = client.post(
        f"/api/attempts/{attempt_id}/answers/",
        {"question": question["id"], "answer_text": "Sicily"},
        format="json",
    )
    assert late.status_code == 409
    assert "finished" in late.json()["detail"]


def test_a_question_from_elsewhere_is_refused(student, etna_quiz, client_for):
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    response = client.post(
        f"/api/attempts/{started['attempt']['id']}/answers/", {"question": 999999}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"question": ["This question is not part of this attempt."]}


def test_the_attempt_limit_is_reported(student, etna_quiz, client_for):
    etna_quiz.max_attempts = 1
    etna_quiz.save()
    client = client_for(student)
    first = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    client.post(f"/api/attempts/{first['attempt']['id']}/finish/")
    second = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/")
    assert second.status_code == 409
    assert "1 attempt" in second.json()["detail"]
    assert Attempt.objects.count() == 1


def test_a_document_practice_quiz_can_be_started(student, etna, client_for):
    client = client_for(student)
    quiz = client.post(f"/api/documents/{etna.pk}/quiz/").json()
    assert Quiz.objects.get(pk=quiz["id"]).document == etna
    started = client.post(f"/api/quizzes/{quiz['id']}/attempts/")
    assert started.status_code == 201
    assert len(started.json()["questions"]) == 3


def test_joining_with_a_code(student, teacher, client_for):
    from quizapp.classes.tests.factories import ClassroomFactory

    classroom = ClassroomFactory(name="History", teacher=teacher)
    client = client_for(student)
    typed = classroom.join_code.lower()
    response = client.post("/api/classes/join/", {"code": typed}, format="json")
    assert response.json() == {"id": classroom.pk, "name": "History", "teacher": "teacher_t"}
    unknown = client.post("/api/classes/join/", {"code": "NOPE1234"}, format="json")
    assert unknown.status_code == 400
    assert "No class has the code" in unknown.json()["code"][0]
    joined = client.get("/api/classes/joined/").json()
    assert [c["name"] for c in joined["results"]] == ["History"]


@pytest.mark.parametrize("path", ["/api/no/such/thing/", "/api/documents/a%0Ab/flashcards/"])
def test_unknown_addresses_under_api_answer_json(student, client_for, path):
    response = client_for(student).post(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_browser_session_works_and_its_writes_need_the_csrf_token(student, etna):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(student)
    assert client.get("/api/me/").json()["username"] == "student_a"
    card = etna.flashcards.published().first()
    refused = client.post(f"/api/flashcards/{card.pk}/reviews/", {"rating": 3}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not MemoryState.objects.exists()
    token = "k" * 32  # what a page's CSRF cookie holds; the header must repeat it
    client.cookies["csrftoken"] = token
    accepted = client.post(
        f"/api/flashcards/{card.pk}/reviews/", {"rating": 3}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200


def test_an_answer_comes_back_with_the_next_question(student, etna_quiz, client_for):
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    attempt_id = started["attempt"]["id"]
    first, second = started["questions"][:2]
    body = client.post(
        f"/api/attempts/{attempt_id}/answers/",
        {"question": first["id"], "choice": first["choices"][1]["id"]},
        format="json",
    ).json()
    assert body["is_correct"] is True and body["finished"] is False
    assert body["next_question"] == second
    for question in started["questions"][1:]:
        if question["choices"]:
            data = {"question": question["id"], "choice": question["choices"][0]["id"]}
        else:
            data = {"question": question["id"], "answer_text": "Sicily"}
        body = client.post(f"/api/attempts/{attempt_id}/answers/", data, format="json").json()
    assert body["finished"] is True and body["next_question"] is None
    assert client.get(f"/api/attempts/{attempt_id}/result/").status_code == 200


def test_api_and_pages_show_options_in_the_same_order(student, etna_quiz, client_for):
    etna_quiz.shuffle = True
    etna_quiz.save()
    started = client_for(student).post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    attempt = Attempt.objects.get(pk=started["attempt"]["id"])
    for question in started["questions"]:
        stored = Question.objects.get(pk=question["id"])
        shown = [c.pk for c in attempt.shown_choices(stored)]
        assert [c["id"] for c in question["choices"]] == shown


def test_an_expired_attempt_is_finished_when_read(student, etna_quiz, client_for):
    etna_quiz.time_limit_seconds = 60
    etna_quiz.save()
    client = client_for(student)
    started = client.post(f"/api/quizzes/{etna_quiz.pk}/attempts/").json()
    attempt_id = started["attempt"]["id"]
    Attempt.objects.filter(pk=attempt_id).update(deadline=timezone.now() - timedelta(seconds=1))
    detail = client.get(f"/api/attempts/{attempt_id}/").json()
    assert detail["attempt"]["finished_at"] is not None
    assert client.get(f"/api/attempts/{attempt_id}/result/").json()["score"] == 0
