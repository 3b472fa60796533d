"""Hostile question, choice and document text is shown as text on every page and fragment.

Each page is parsed: nothing in it may run script (inline scripts, on* handlers, injected
tags), and the hostile text must be there, escaped, so the test fails if the page stops
showing it rather than passing on an empty page.
"""

import re

import pytest
from django.urls import reverse

from quizapp.content.models import Flashcard, Question
from quizapp.study.models import Attempt

from .conftest import SCRIPT, audit

HX = {"HTTP_HX_REQUEST": "true"}
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;xss-script&quot;)&lt;/script&gt;"


def assert_safe(html: str, *labels: str) -> None:
    """Nothing runnable, and every label is shown as text followed by the script payload.

    (Long texts may be truncated after that, as the class report does with choices.)
    """
    found = audit(html)
    assert found.problems == [], found.problems
    assert SCRIPT not in html
    text = " ".join(" ".join(found.text).split())
    for label in labels:
        assert f"{label} {SCRIPT}" in text, f"{label!r} not shown as text"
    assert ESCAPED_SCRIPT in html or "&lt;script&gt;" in html


def csrf_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_student_pages_and_fragments_escape_everything(client, student, hostile_class):
    client.force_login(student)
    document = hostile_class.assignments.get().quiz.questions.get().document
    card = Flashcard.objects.get()
    question = Question.objects.get()

    home = client.get(reverse("study:home"))
    assert_safe(home.content.decode(), "Assignment", "Class name")
    library = client.get(reverse("study:library"))
    assert_safe(library.content.decode(), "Doc title")
    found = client.get(reverse("study:library"), {"q": "Doc title <script>"}, **HX)
    assert_safe(found.content.decode(), "Doc title")

    deck_url = reverse("study:deck", args=[document.slug])
    assert_safe(client.get(deck_url).content.decode(), "Card front")
    revealed = client.get(deck_url, {"card": card.pk, "reveal": 1, "shown": 1}, **HX)
    assert_safe(revealed.content.decode(), "Card front", "Card back", "Card source")
    rated = client.post(deck_url, {"card": card.pk, "rating": 1, "shown": 1}, **HX)
    assert rated.status_code == 200
    assert audit(rated.content.decode()).problems == []

    quiz = hostile_class.assignments.get().quiz
    assert_safe(client.get(reverse("study:quiz", args=[quiz.slug])).content.decode(), "Quiz title")
    started = client.post(reverse("study:quiz", args=[quiz.slug]), follow=True)
    assert_safe(started.content.decode(), "Question prompt", "Right choice", "Wrong choice")

    attempt = Attempt.objects.get(student=student)
    # The form posts an option's place in the shown order; pick the wrong one's place.
    wrong_place = re.search(
        r'name="choice" value="(\d+)"[^>]*> Wrong choice', started.content.decode()
    ).group(1)
    feedback = client.post(
        reverse("study:attempt", args=[attempt.pk]),
        {"question": question.pk, "choice": wrong_place, "shown": 1},
        **HX,
    )
    assert feedback.status_code == 200
    assert_safe(feedback.content.decode(), "Question prompt", "Wrong choice")
    result = client.get(reverse("study:attempt", args=[attempt.pk]))
    assert_safe(result.content.decode(), "Question prompt", "Wrong choice", "Right choice")

    progress = client.get(reverse("study:progress"))
    assert_safe(progress.content.decode(), "Doc title")
    # Once studied, the document is one of the student's own, listed on home.
    home = client.get(reverse("study:home"))
    assert_safe(home.content.decode(), "Assignment", "Doc title")


def test_teacher_pages_escape_everything(client, student, teacher, hostile_class):
    # The student answers first, so the report has an item analysis to show.
    client.force_login(student)
    quiz = hostile_class.assignments.get().quiz
    client.post(reverse("study:quiz", args=[quiz.slug]))
    attempt = Attempt.objects.get(student=student)
    question = Question.objects.get()
    client.post(reverse("study:attempt", args=[attempt.pk]), {"question": question.pk, "choice": 1})
    assert attempt.responses.count() == 1
    client.force_login(teacher)
    code = hostile_class.join_code
    detail = client.get(reverse("classes:detail", args=[code]))
    assert_safe(detail.content.decode(), "Class name", "Assignment")
    report = client.get(reverse("classes:report", args=[code]))
    assert_safe(report.content.decode(), "Class name", "Question prompt", "Wrong choice")
    fragment = client.get(reverse("classes:report", args=[code]), {"sort": "name"}, **HX)
    assert fragment.status_code == 200
    assert audit(fragment.content.decode()).problems == []

    # The teacher's workspace: home, review page, and the fragments htmx swaps in.
    assert_safe(client.get(reverse("teach:home")).content.decode(), "Doc title")
    document = question.document
    review = client.get(reverse("teach:review", args=[document.slug])).content.decode()
    assert_safe(review, "Doc title", "Question prompt", "Wrong choice", "Card front")
    edit = client.get(reverse("teach:item_edit", args=["question", question.pk]), **HX)
    assert audit(edit.content.decode()).problems == []
    for action in ("reject", "publish"):
        url = reverse("teach:item_action", args=["question", question.pk, action])
        swapped = client.post(url, **HX).content.decode()
        assert_safe(swapped, "Question prompt")
    undone = client.post(reverse("teach:undo", args=[document.slug]), **HX).content.decode()
    assert_safe(undone, "Question prompt")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:content_question_changelist",
        "admin:content_question_change",
        "admin:content_question_preview",
        "admin:content_flashcard_changelist",
        "admin:content_flashcard_change",
        "admin:content_document_changelist",
        "admin:content_document_change",
    ],
)
def test_admin_pages_and_preview_escape_everything(admin_client, hostile_class, url_name):
    objects = {"question": Question.objects.get(), "flashcard": Flashcard.objects.get()}
    objects["document"] = objects["question"].document
    model = url_name.split("_")[1]
    args = [] if url_name.endswith("changelist") else [objects[model].pk]
    # The item lists open on drafts; ask for every status so the hostile rows are listed.
    query = {"status": "all"} if model != "document" and not args else {}
    response = admin_client.get(reverse(url_name, args=args), query)
    assert response.status_code == 200
    html = response.content.decode()
    found = audit(html)
    assert found.problems == [], found.problems
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_no_template_or_view_marks_user_content_safe():
    """`|safe`, `{% autoescape off %}` and `mark_safe` appear nowhere in the app's own code."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("quizapp/**/templates/**/*")]:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if re.search(r"\|\s*safe\b|autoescape\s+off", text):
                offenders.append(str(path.relative_to(root)))
    for path in root.glob("quizapp/**/*.py"):
        if "tests" in path.parts:
            continue
        if re.search(r"\bmark_safe\s*\(|\bSafeString\s*\(", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
