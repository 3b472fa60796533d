"""In a real browser, hostile text runs nothing: no dialog opens on any page or htmx swap,
and the Content-Security-Policy reports no violation (so it blocks nothing the app needs)."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from .conftest import SCRIPT

pytestmark = pytest.mark.browser

RUNNABLE = (
    "document.querySelectorAll('script:not([src]), [onmouseover], [onfocus], [onerror], "
    'img[src="x"]\').length'
)


@pytest.fixture
def watched_page(page: Page):
    """The page, with every dialog, page error and CSP violation it meets recorded."""
    seen = {"dialogs": [], "errors": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))

    def on_console(msg):
        # Failed page resources are caught below with their address; what is left of this
        # kind is the browser's own favicon.ico guess on admin pages.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            seen["errors"].append(msg.text)

    page.on("console", on_console)
    page.on(
        "response",
        lambda r: seen["errors"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.seen = seen
    return page


def sign_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=re.compile("Log out"))).to_be_visible()


def assert_nothing_ran(page: Page) -> None:
    # Hover and focus everything a handler could hide on, then check the live DOM.
    for element in page.locator("main *:visible").all()[:200]:
        element.hover(timeout=1000, trial=False, force=True)
    assert page.evaluate(RUNNABLE) == 0
    assert page.seen["dialogs"] == []
    assert page.seen["errors"] == []


def test_hostile_text_opens_no_dialog_anywhere(watched_page, live_server, hostile_class):
    page = watched_page
    sign_in(page, live_server, "student_a", "pw-student_a")
    # Home lists the class's assignment; the library lists every document.
    expect(page.get_by_text(f"Assignment {SCRIPT}").first).to_be_visible()
    assert_nothing_ran(page)
    page.get_by_role("navigation").get_by_role("link", name="Library").click()
    expect(page.get_by_text(f"Doc title {SCRIPT}").first).to_be_visible()
    assert_nothing_ran(page)
    # The search's results arrive by an htmx swap.
    page.get_by_label("Search titles").fill("Doc title")
    expect(page).to_have_url(re.compile(r"[?&]q=Doc"))
    expect(page.locator("#library-results")).to_contain_text(f"Doc title {SCRIPT}")
    assert_nothing_ran(page)

    # Flashcard review: the answer and the next card arrive by htmx swaps.
    page.locator("#library-results").get_by_role("link", name="Review").click()
    expect(page.locator("#review h2.front")).to_contain_text(f"Card front {SCRIPT}")
    page.get_by_role("link", name=re.compile("Show answer")).click()
    expect(page.locator("#review .back")).to_contain_text(f"Card back {SCRIPT}")
    assert_nothing_ran(page)
    page.get_by_role("button", name=re.compile("Good")).click()
    expect(page.locator("#review .back")).to_have_count(0)
    assert_nothing_ran(page)

    # A quiz: the question, its choices, the feedback swap and the result.
    page.get_by_role("navigation").get_by_role("link", name="Home").click()
    page.get_by_role("link", name=f"Assignment {SCRIPT}").click()
    page.get_by_role("button", name=re.compile("Start")).click()
    expect(page.locator("#quiz-step .prompt")).to_contain_text(f"Question prompt {SCRIPT}")
    assert_nothing_ran(page)
    page.locator("#quiz-step label", has_text="Wrong choice").locator("input").check()
    page.get_by_role("button", name="Submit answer").click()
    # One question: the answer's swap brings the result, with every text shown again.
    expect(page.locator("#quiz-step")).to_contain_text("Your score: 0 / 1")
    expect(page.locator("#quiz-step")).to_contain_text(f"Question source {SCRIPT}")
    assert_nothing_ran(page)

    page.goto(f"{live_server.url}/progress/")
    assert_nothing_ran(page)
    # Studied now, the document is listed on home too.
    page.goto(f"{live_server.url}/")
    expect(page.locator("main")).to_contain_text(f"Doc title {SCRIPT}")
    assert_nothing_ran(page)


def test_hostile_text_opens_no_dialog_for_teachers(watched_page, live_server, hostile_class):
    page = watched_page
    User.objects.create_superuser("head", password="pw-head-teacher")
    sign_in(page, live_server, "teacher_t", "pw-teacher_t")
    page.goto(f"{live_server.url}/classes/{hostile_class.join_code}/report/")
    expect(page.locator("main h1")).to_contain_text("Class name")
    assert_nothing_ran(page)
    # The workspace's review page marks the answer's words in the hostile source sentence.
    document = hostile_class.assignments.get().quiz.questions.get().document
    page.goto(f"{live_server.url}/teach/documents/{document.slug}/")
    expect(page.locator("main")).to_contain_text(f"Question prompt {SCRIPT}")
    assert_nothing_ran(page)

    page.context.clear_cookies()  # sign out; the admin signs in next
    sign_in_admin = f"{live_server.url}/admin/login/?next=/admin/content/question/"
    page.goto(sign_in_admin)
    page.get_by_label("Username").fill("head")
    page.get_by_label("Password").fill("pw-head-teacher")
    page.get_by_role("button", name="Log in").click()
    question = hostile_class.assignments.get().quiz.questions.get()
    for path in (
        "/admin/content/question/?status=all",
        f"/admin/content/question/{question.pk}/change/",
        f"/admin/content/question/{question.pk}/preview/",
        f"/admin/content/document/{question.document_id}/change/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
        assert_nothing_ran(page)
