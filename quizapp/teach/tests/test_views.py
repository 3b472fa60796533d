"""The teacher's workspace seen from a browser without JavaScript, and through htmx."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory, EnrollmentFactory
from quizapp.content.models import Flashcard, Question, Status, Upload
from quizapp.study.tests.factories import QuizFactory

SEED_DIR = Path(__file__).resolve().parents[3] / "seeds"

HTMX = {"HTTP_HX_REQUEST": "true"}
SEED_BYTES = next(SEED_DIR.glob("*.txt")).read_bytes()


def login(client, user):
    client.force_login(user)
    return client


def test_students_are_kept_out_and_see_no_link(client, student, teacher):
    login(client, student)
    assert client.get("/teach/").status_code == 403
    assert client.get("/teach/upload/").status_code == 403
    assert "/teach/" not in client.get("/").content.decode()
    login(client, teacher)
    assert 'href="/teach/"' in client.get("/").content.decode()


def test_upload_queues_good_files_refuses_bad_ones_and_shows_progress(client, teacher, run_worker):
    login(client, teacher)
    files = [
        SimpleUploadedFile("talks.txt", SEED_BYTES),
        SimpleUploadedFile("again.txt", SEED_BYTES.replace(b"Moscow", b"Vilnius")),
        SimpleUploadedFile("photo.txt", b"\x89PNG\x00\x00\x00"),
    ]
    response = client.post("/teach/upload/", {"files": files, "title": "", "text": ""})
    assert response.status_code == 302
    progress_url = response["Location"]
    page = client.get(progress_url).content.decode()
    assert "Not uploaded: photo.txt: this is a binary file" in page
    assert "Queued 2 document(s)" in page
    assert page.count("waiting for a worker") == 2
    assert 'hx-trigger="every 1s"' in page  # polling while work is left
    assert "0 of 2 files done" in page

    run_worker()
    fragment = client.get(progress_url, **HTMX).content.decode()
    assert "<html" not in fragment
    assert "2 of 2 files done" in fragment and "All done" in fragment
    assert "hx-trigger" not in fragment  # polling stops
    upload = Upload.objects.get(name="talks.txt")
    assert f"{upload.questions} questions, {upload.flashcards} flashcards" in fragment
    assert f'href="/teach/documents/{upload.document.slug}/"' in fragment


def test_an_upload_with_only_bad_files_saves_nothing_and_says_what_to_do(client, teacher):
    login(client, teacher)
    response = client.post(
        "/teach/upload/",
        {
            "files": [
                SimpleUploadedFile("notes.docx", b"PK\x03\x04"),
                SimpleUploadedFile("e.txt", b""),
            ]
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "notes.docx: this Word file is damaged or cut short" in page
    assert "e.txt: the file is empty" in page
    assert not Upload.objects.exists()


def test_pasted_text_needs_a_title(client, teacher):
    login(client, teacher)
    response = client.post("/teach/upload/", {"title": "", "text": "Some article."})
    assert response.status_code == 400
    assert "Give the pasted text a title." in response.content.decode()
    response = client.post("/teach/upload/", {"title": "Notes", "text": "Some article."})
    assert response.status_code == 302
    assert Upload.objects.get().title == "Notes"


def test_home_lists_documents_with_their_counts(client, teacher, review_document):
    login(client, teacher)
    page = client.get("/teach/").content.decode()
    assert "New documents" in page
    row = re.search(r"Vilnius</a>.*?</tr>", page, re.S).group(0)
    # 3 drafts (two questions, a card), 1 published, 0 rejected, 0 flagged.
    assert re.findall(r'class="num">(?:<strong>)?(\d+)', row) == ["3", "1", "0", "0"]


def test_other_teachers_uploads_are_not_listed(client, make_user, review_document):
    from django.contrib.auth.models import Group

    other = make_user("teacher_u", is_staff=True)
    other.groups.add(Group.objects.get(name="Teachers"))
    login(client, other)
    assert "Vilnius" not in client.get("/teach/").content.decode()
    assert client.get(f"/teach/documents/{review_document.slug}/").status_code == 404


def test_review_lists_drafts_first_by_score_with_the_answer_marked(
    client, teacher, review_document
):
    login(client, teacher)
    page = client.get(f"/teach/documents/{review_document.slug}/").content.decode()
    order = re.findall(r'<li id="(\w+-\d+)" class="review-item status-(\w+)', page)
    assert [status for _, status in order] == ["draft", "draft", "draft", "published"]
    prompts = re.findall(r'<p class="item-prompt">([^<]*)</p>', page)
    assert prompts[:3] == [
        "Which city is the capital of Lithuania?",
        "Who founded Vilnius?",
        "Which river flows through Vilnius?",
    ]
    assert "lies where the Vilnia meets the <mark>Neris</mark>." in page
    assert 'data-key="p"' in page and 'data-key="e"' in page


def test_publish_reject_and_undo_through_htmx(client, teacher, review_document):
    login(client, teacher)
    question = Question.objects.get(key="high")
    url = f"/teach/items/question/{question.pk}/publish/"
    response = client.post(url, **HTMX)
    body = response.content.decode()
    assert body.startswith(f'\n<li id="question-{question.pk}" class="review-item status-published')
    assert 'id="announce"' in body and 'hx-swap-oob="true"' in body
    assert "Published: Which city is the capital of Lithuania?" in body
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED

    card = Flashcard.objects.get()
    client.post(f"/teach/items/flashcard/{card.pk}/reject/", **HTMX)
    card.refresh_from_db()
    assert card.status == Status.REJECTED

    undo = client.post(f"/teach/documents/{review_document.slug}/undo/", **HTMX)
    assert "Undone: 1 item(s)" in undo.content.decode()
    assert f'data-focus="flashcard-{card.pk}"' in undo.content.decode()
    card.refresh_from_db()
    assert card.status == Status.DRAFT
    client.post(f"/teach/documents/{review_document.slug}/undo/")
    question.refresh_from_db()
    assert question.status == Status.DRAFT
    response = client.post(f"/teach/documents/{review_document.slug}/undo/", follow=True)
    assert "Nothing to undo." in response.content.decode()


def test_a_question_that_breaks_a_rule_is_not_published(client, teacher, review_document):
    login(client, teacher)
    question = Question.objects.get(key="low")
    question.choices.update(is_correct=False)
    response = client.post(f"/teach/items/question/{question.pk}/publish/", **HTMX)
    assert "Not published:" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Status.DRAFT


def test_edit_in_place_uses_the_admin_rules(client, teacher, review_document):
    login(client, teacher)
    cloze = Question.objects.get(key="cloze")
    url = f"/teach/items/question/{cloze.pk}/edit/"
    form = client.get(url, **HTMX).content.decode()
    assert '<form method="post"' in form and "<html" not in form
    prefix = f"edit-{cloze.pk}"
    bad = {
        f"{prefix}-prompt": "No blank here.",
        f"{prefix}-answer": "Vilnius",
        f"{prefix}-alternatives": "",
        f"{prefix}-explanation": "",
    }
    response = client.post(url, bad, **HTMX)
    assert "A cloze prompt needs a blank" in response.content.decode()
    assert "Not saved" in response.content.decode()
    good = {
        **bad,
        f"{prefix}-prompt": "The Old Town of _____ is old.",
        f"{prefix}-alternatives": "Wilno\n\nVilna\n",
    }
    response = client.post(url, good, **HTMX)
    assert "Saved your edit" in response.content.decode()
    cloze.refresh_from_db()
    assert cloze.prompt == "The Old Town of _____ is old."
    assert cloze.alternatives == ["Wilno", "Vilna"]
    assert cloze.teacher_edited


def test_bulk_publish_drafts_scoring_at_least(client, teacher, review_document):
    login(client, teacher)
    url = f"/teach/documents/{review_document.slug}/publish-drafts/"
    response = client.post(url, {"minimum": "0.6"}, follow=True)
    assert "Published 2 draft(s) scoring at least 0.6." in response.content.decode()
    assert Question.objects.get(key="high").status == Status.PUBLISHED
    assert Flashcard.objects.get().status == Status.PUBLISHED
    assert Question.objects.get(key="low").status == Status.DRAFT
    response = client.post(url, {"minimum": "abc"}, follow=True)
    assert "a number from 0 to 1" in response.content.decode()


def test_questions_flagged_by_class_data_are_marked_and_filterable(
    client, teacher, make_user, review_document
):
    from quizapp.study import services as study

    hard = Question.objects.get(key="high")
    easy = Question.objects.get(key="cloze")
    Question.objects.filter(pk=hard.pk).update(status=Status.PUBLISHED)
    quiz = QuizFactory(slug="vilnius-quiz", title="Vilnius quiz", questions=[hard, easy])
    classroom = ClassroomFactory(name="9A", teacher=teacher, join_code="NINEA123")
    AssignmentFactory(classroom=classroom, quiz=quiz, title="Vilnius")
    for name in ("s1", "s2", "s3"):
        student = make_user(name)
        EnrollmentFactory(classroom=classroom, student=student)
        attempt, _ = study.start_attempt(student=student, quiz=quiz)
        wrong = hard.choices.filter(is_correct=False).first()
        for question, answer in (
            (hard, {"choice_id": wrong.pk}),
            (easy, {"answer_text": "Vilnius"}),
        ):
            study.answer_question(
                student=student, attempt_id=attempt.pk, question_id=question.pk, **answer
            )

    login(client, teacher)
    home = client.get("/teach/").content.decode()
    assert f'href="/teach/documents/{review_document.slug}/?show=flagged">1</a>' in home
    page = client.get(f"/teach/documents/{review_document.slug}/?show=flagged").content.decode()
    assert "Flagged: fewer than 1 in 5 got it right" in page
    assert re.findall(r'<p class="item-prompt">([^<]*)</p>', page) == [hard.prompt]
