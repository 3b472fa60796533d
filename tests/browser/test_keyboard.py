"""Keyboard only: every action is reached with Tab in reading order, with a visible focus ring;
and the pages follow the reader's colour-scheme and reduced-motion preferences.
"""

import pytest
from playwright.sync_api import Page, expect

from quizapp.content.models import Question
from quizapp.study.models import ReviewLog
from tests.browser.pages import assert_focus_within

pytestmark = pytest.mark.browser

# The name a person hears for the focused element, and whether its focus ring shows.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const name = el.getAttribute("aria-label")
    || (el.labels && el.labels.length ? el.labels[0].innerText : "")
    || el.innerText || el.value || "";
  const box = el.getBoundingClientRect();
  return {
    name: name.replace(/\\s+/g, " ").trim(),
    tag: el.tagName,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.right > 0 && box.bottom > 0 && box.width > 0,
  };
}"""


def tab(page: Page, key: str = "Tab") -> dict:
    """Press Tab and describe the newly focused element; it must show a focus ring."""
    page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    assert focused["ring"], f"no visible focus ring on {focused}"
    assert focused["onScreen"], f"focus is off screen: {focused}"
    return focused


def tab_to(page: Page, name: str, *, limit: int = 30) -> list[str]:
    """Tab until the focused element's name starts with `name`; the names passed on the way."""
    seen = []
    for _ in range(limit):
        focused = tab(page)
        seen.append(focused["name"])
        if focused["name"].startswith(name):
            return seen
    raise AssertionError(f"{name!r} is not reachable by Tab; focus went through {seen}")


def sign_in_by_keyboard(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    # The username field has focus on arrival; the browser may give it a moment after the
    # load event, and keys typed before then would be lost.
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("student_a")
    page.keyboard.press("Tab")
    page.keyboard.type("pw-student_a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Study", level=1)).to_be_visible()


def test_review_page_by_keyboard(page, live_server, student, study_document, console_errors):
    sign_in_by_keyboard(page, live_server)
    page.goto(f"{live_server.url}/decks/vilnius/")
    seen = tab_to(page, "Show answer")
    # Header first, in reading order, then the card.
    assert seen[0] == "Skip to content"
    assert seen[1:6] == ["Quizapp", "Home", "Library", "Review", "Progress"]
    assert seen.index("Log out student_a") < seen.index("Show answer Space")
    page.keyboard.press("Enter")
    expect(page.locator("#review .back")).to_contain_text("Answer on card 0.")
    assert_focus_within(page, "#review")
    # Focus moved into the card; the ratings come next, in order.
    assert [tab(page)["name"] for _ in range(4)] == ["1 Again", "2 Hard", "3 Good", "4 Easy"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # Good
    expect(page.locator("#review h2.front")).to_have_text("Question on card 1?")
    assert_focus_within(page, "#review")
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [3]
    # After the card: the quiz and the Anki download.
    seen = tab_to(page, "Download for Anki")
    assert seen[-2:] == ["Take a quiz on this document", "Download for Anki (.apkg)"]
    assert console_errors == []


def test_skip_link_appears_and_jumps_to_the_content(page, live_server, student):
    sign_in_by_keyboard(page, live_server)
    assert tab(page)["name"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_whole_quiz_by_keyboard(page, live_server, student, study_document, console_errors):
    sign_in_by_keyboard(page, live_server)
    page.goto(f"{live_server.url}/decks/vilnius/")
    tab_to(page, "Take a quiz on this document")
    page.keyboard.press("Enter")
    for position in range(1, 5):
        expect(page.get_by_text(f"Question {position} of 4")).to_be_visible()
        if position > 1:
            assert_focus_within(page, "#quiz-step form")
        question = Question.objects.get(pk=page.locator("input[name=question]").input_value())
        if question.has_choices:
            seen = tab_to(page, "Submit answer")
            options = [name for name in seen if name in {c.text for c in question.choices.all()}]
            assert len(options) == 1  # the options are one stop; arrows move between them
            page.keyboard.press("Shift+Tab")
            for _ in range(question.choices.count()):
                if page.evaluate(FOCUSED)["name"] == question.answer:
                    break
                page.keyboard.press("ArrowDown")  # moves and selects
            page.keyboard.press("Space")  # selects the first option too, if it is the one
            expect(page.get_by_label(question.answer, exact=True)).to_be_checked()
            assert tab(page)["name"] == "Submit answer"
            assert tab(page)["name"].startswith("Finish now")
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Enter")
        else:
            # The answer field has focus on arrival: type and press Enter.
            assert_focus_within(page, "input[name=answer]")
            page.keyboard.type("Gediminas" if question.answer == "Gediminas" else "Vilnius")
            page.keyboard.press("Enter")
        if position < 4:
            expect(page.get_by_role("heading", name="Right!")).to_be_visible()
            assert_focus_within(page, ".feedback")
            # Focus lands on "Next question", so Enter goes on.
            assert page.evaluate(FOCUSED)["name"] == "Next question"
            page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your score: 4 / 4")).to_be_visible()
    assert_focus_within(page, ".result")
    seen = tab_to(page, "See your progress")
    assert seen[-2:] == ["Back to the quiz", "See your progress"]
    assert console_errors == []


def test_dark_scheme_and_reduced_motion_are_followed(page, live_server, student, study_document):
    sign_in_by_keyboard(page, live_server)
    page.goto(f"{live_server.url}/decks/vilnius/")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    button = "getComputedStyle(document.querySelector('#review .button')).transitionDuration"

    page.emulate_media(color_scheme="light", reduced_motion="no-preference")
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    assert page.evaluate(button) != "0s"
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    assert page.evaluate(background) == "rgb(13, 17, 23)"
    assert page.evaluate(button) == "0s"
    # Nothing on the page moves for a reader who asked for less motion.
    moving = page.evaluate(
        """() => [...document.querySelectorAll('*')].filter((el) => {
             const s = getComputedStyle(el);
             return s.transitionDuration.split(',').some((d) => parseFloat(d) > 0)
               || s.animationName !== 'none';
           }).map((el) => el.tagName)"""
    )
    assert moving == []
