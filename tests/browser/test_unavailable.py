"""An answer the server did not store says so, and what the student typed stays to send again."""

import re

import pytest
from playwright.sync_api import Page, expect

from quizapp.content.models import Question
from quizapp.study.models import Response

pytestmark = pytest.mark.browser

ATTEMPT = re.compile(r"/attempts/\d+/$")


def sign_in(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("student_a")
    page.get_by_label("Password").fill("pw-student_a")
    page.get_by_role("button", name="Log in").click()


def reach_a_typed_question(page: Page) -> Question:
    """Answer choice questions until one asks for a typed answer."""
    while True:
        expect(page.get_by_role("button", name="Submit answer")).to_be_visible()
        question = Question.objects.get(pk=int(page.locator("input[name=question]").input_value()))
        if not question.has_choices:
            return question
        page.get_by_label(question.answer, exact=True).check()
        page.get_by_role("button", name="Submit answer").click()
        page.get_by_role("link", name="Next question").click()


def test_unstored_answer_says_so_and_keeps_the_typed_text(
    page, live_server, student, study_document
):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/decks/vilnius/")
    page.get_by_role("button", name="Take a quiz on this document").click()
    question = reach_a_typed_question(page)
    answer_box = page.get_by_label(re.compile("Your answer"))
    answer_box.fill(question.answer)

    # The connection drops before the server answers.
    page.route(
        ATTEMPT,
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Not saved: no answer from the server")
    expect(answer_box).to_have_value(question.answer)
    page.unroute(ATTEMPT)

    # The server answers 503 while its database is unreachable.
    page.route(
        ATTEMPT,
        lambda route: (
            route.fulfill(status=503, headers={"Retry-After": "10"}, body="unavailable")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Quizapp is briefly unavailable")
    expect(page.get_by_role("alert")).to_contain_text("What you entered is still here")
    expect(answer_box).to_have_value(question.answer)
    assert not Response.objects.filter(question=question).exists()
    page.unroute(ATTEMPT)

    # Back again: the same answer goes through once, and the message is gone.
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_role("heading", name="Right!")).to_be_visible()
    expect(page.locator(".request-error")).to_have_count(0)
    assert Response.objects.filter(question=question).count() == 1
