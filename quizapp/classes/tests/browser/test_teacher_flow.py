"""A teacher's first session after `make run`: approve drafts, assign work, read the report."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from quizapp.content.models import Question, Status
from quizapp.study import services as study
from quizapp.study.models import Quiz
from quizapp.study.tests.factories import answer

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_class(seed_document, settings):
    # The fixture's passwords are PBKDF2 hashes, as `make run` loads them.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    call_command("loaddata", "demo_class", verbosity=0)
    return seed_document


def take_quiz(username: str, right: int):
    """The student answers the demo quiz, getting the first `right` questions right."""
    attempt, _ = study.start_attempt(
        student=User.objects.get(username=username), quiz=Quiz.objects.get()
    )
    for n, question_id in enumerate(attempt.question_ids):
        question = Question.objects.prefetch_related("choices").get(pk=question_id)
        correct = n < right
        if question.has_choices:
            choice = next(c for c in question.choices.all() if c.is_correct == correct)
            answer(attempt, question, choice=choice)
        else:
            text = question.answer if correct else "no idea"
            answer(attempt, question, answer_text=text)
    study.finish_attempt(attempt=attempt)


def first_student(page: Page) -> str:
    return page.locator("table.report tbody th").first.inner_text()


def test_teacher_reviews_assigns_and_reads_the_report(
    page, live_server, demo_class, console_errors
):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("teacher")
    page.get_by_label("Password").fill("teacher-demo-pass")
    page.get_by_role("button", name="Log in").click()

    # The review queue: drafts, best first, published in bulk.
    drafts = Question.objects.filter(status=Status.DRAFT).count()
    assert drafts > 0
    page.goto(f"{live_server.url}/admin/content/question/")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    assert Question.objects.filter(status=Status.DRAFT).count() < drafts

    # The students answer: bob does better than alice.
    take_quiz("alice", right=1)
    take_quiz("bob", right=3)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Classes").click()
    page.get_by_role("link", name="Demo class: world news").click()
    expect(page.get_by_text("alice")).to_be_visible()
    page.get_by_label("Quiz or flashcard deck").select_option(
        label="China and Russia talks: check your understanding"
    )
    page.get_by_label("Title").fill("Retake before the exam")
    page.get_by_label("Due", exact=True).fill("2031-03-01T09:00")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("status")).to_contain_text("Assigned Retake before the exam.")

    page.get_by_role("link", name="Class report").click()
    expect(page.get_by_role("heading", name="Class report: Demo class: world news")).to_be_visible()
    assert first_student(page).startswith("Alice")  # by name

    # Sorting swaps the table in place (htmx) and keeps the address shareable.
    page.get_by_role("link", name="Mean score").click()
    expect(page).to_have_url(f"{live_server.url}/classes/DEMCLASS/report/?sort=score")
    page.get_by_role("link", name="Mean score").click()
    expect(page).to_have_url(f"{live_server.url}/classes/DEMCLASS/report/?sort=-score")
    expect(page.locator("table.report tbody th").first).to_contain_text("Bob")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename.startswith("class-report-DEMCLASS")
    assert console_errors == []
