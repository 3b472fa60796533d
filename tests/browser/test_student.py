"""A student signs in, reviews cards by keyboard, takes a whole quiz and sees progress move."""

import re

import pytest
from playwright.sync_api import expect

from quizapp.content.models import Question
from quizapp.study.models import Attempt, ReviewLog
from tests.browser.pages import assert_focus_within, sign_in

pytestmark = pytest.mark.browser


def test_wrong_password_then_sign_in(page, live_server, student, console_errors):
    sign_in(page, live_server, "student_a", "wrong")
    expect(page.get_by_role("alert")).to_contain_text("did not match")
    sign_in(page, live_server, "student_a", "pw-student_a")
    expect(page.get_by_role("heading", name="Study", level=1)).to_be_visible()
    assert console_errors == []


def test_review_three_cards_by_keyboard(page, live_server, student, study_document, console_errors):
    sign_in(page, live_server, "student_a", "pw-student_a")
    badge = page.locator("#due-badge .badge")
    # Nothing started yet: no card of the student's documents is due; the library has them.
    expect(badge).to_have_text("0")
    page.get_by_role("navigation").get_by_role("link", name="Library").click()
    row = page.locator("li.document-row", has_text="Vilnius")
    expect(row).to_contain_text("4 cards")
    row.get_by_role("link", name="Review").click()
    for i in range(3):
        expect(page.locator("#review h2.front")).to_have_text(f"Question on card {i}?")
        expect(page.get_by_text(f"Answer on card {i}.")).to_have_count(0)
        page.keyboard.press("Space")
        expect(page.locator("#review .back")).to_contain_text(f"Answer on card {i}.")
        page.keyboard.press("3")
        # The next card swaps in, the header badge refreshes, and focus follows the card.
        expect(badge).to_have_text(str(3 - i))
        expect(page.locator("#review h2.front")).not_to_have_text(f"Question on card {i}?")
        assert_focus_within(page, "#review")
    assert page.url.endswith("/decks/vilnius/")  # no page load happened
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [3, 3, 3]
    # Started now, the document is on home with the one card still due.
    page.get_by_role("navigation").get_by_role("link", name="Home").click()
    expect(page.get_by_role("link", name="Review 1 due")).to_be_visible()
    assert console_errors == []


def test_whole_quiz_and_progress_moves(page, live_server, student, study_document, console_errors):
    sign_in(page, live_server, "student_a", "pw-student_a")
    page.goto(f"{live_server.url}/progress/")
    expect(page.locator("#streak")).to_have_text("0")
    # Nothing started yet: progress has no document and points to the library.
    expect(page.locator(".mastery-value")).to_have_count(0)
    page.locator("main").get_by_role("link", name="the library").click()
    page.get_by_role("button", name="Take a quiz on Vilnius").click()
    expect(page.get_by_text("Question 1 of 4")).to_be_visible()
    attempt = Attempt.objects.get()
    for position in range(1, 5):
        expect(page.get_by_text(f"Question {position} of 4")).to_be_visible()
        question_id = int(page.locator("input[name=question]").input_value())
        question = Question.objects.get(pk=question_id)
        if question.has_choices:
            # Nothing on the page says which option is right before answering.
            assert "correct" not in page.locator("#quiz-step").inner_html()
            page.get_by_label(question.answer, exact=True).check()
        elif question.kind == Question.Kind.SHORT_ANSWER:
            expect(page.locator("input[name=answer]")).to_be_focused()
            page.keyboard.type("gedimnas")  # a typo, forgiven
        else:
            page.get_by_label(re.compile("Your answer")).fill("vilnius")
        page.get_by_role("button", name="Submit answer").click()
        if position < 4:
            expect(page.get_by_role("heading", name="Right!")).to_be_visible()
            expect(page.locator(".feedback blockquote.source")).to_contain_text(
                question.source_text
            )
            assert_focus_within(page, ".feedback")
            page.get_by_role("link", name="Next question").click()
            assert_focus_within(page, "#quiz-step form")
    expect(page.get_by_role("heading", name="Your score: 4 / 4")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 4
    assert page.url.endswith(f"/attempts/{attempt.pk}/")

    page.get_by_role("link", name="See your progress").click()
    expect(page.locator("#streak")).to_have_text("1")
    expect(page.locator("#reviews-total")).to_have_text("4")
    # Four of the document's eight items now recalled almost surely: mastery about half.
    expect(page.locator(".mastery-value")).to_have_text("50%")
    expect(page.locator("svg.chart").first).to_be_visible()
    assert console_errors == []
