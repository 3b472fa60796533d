"""From a folder of .txt files to a published quiz without the admin, in Chromium.

The teacher uploads two documents and a broken file, watches the progress bar reach done
while a worker generates them, reviews one document by keyboard, and a student's quiz then
holds exactly the published questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quizapp.content.models import Document, Question, Status

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parent.parent / "data"


def log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=f"Log out {username}")).to_be_visible()


def focused_item(page: Page) -> str:
    return page.evaluate("document.activeElement.closest('[data-item]')?.id || ''")


def expect_focus_on(page: Page, item_id: str) -> None:
    """Wait (up to 5 s) until keyboard focus is inside the item with this id."""
    page.wait_for_function(
        "id => document.activeElement.closest('[data-item]')?.id === id", arg=item_id, timeout=5000
    )


def test_teacher_uploads_reviews_by_keyboard_and_the_student_sees_the_published(
    page, live_server, teacher, student, run_worker, console_errors
):
    log_in(page, live_server.url, teacher.username)
    page.get_by_role("link", name="Documents").click()
    expect(page.get_by_text("No documents yet")).to_be_visible()
    page.get_by_role("link", name="New documents").first.click()
    page.get_by_label("Documents").set_input_files(
        [DATA / "lakes.txt", DATA / "rivers.txt", DATA / "broken.txt"]
    )
    expect(page.locator("[data-file-list] li")).to_have_count(3)
    page.get_by_role("button", name="Upload and generate").click()

    # The request only queued: the bad file is refused by name, the others wait.
    expect(page.get_by_text("Not uploaded: broken.txt: this is a binary file")).to_be_visible()
    expect(page.locator("#progress-label")).to_have_text("0 of 2 files done.")
    expect(page.get_by_text("waiting for a worker")).to_have_count(2)

    run_worker()  # the worker `make run` starts beside the server, here in the test's process
    # htmx polls the fragment: the bar fills without a reload.
    expect(page.locator("#progress-label")).to_have_text("2 of 2 files done.", timeout=15_000)
    expect(page.locator("progress")).to_have_attribute("value", "2")
    expect(page.get_by_text("All done.")).to_be_visible()
    lakes = Document.objects.get(slug="lakes")
    page.get_by_role("link", name=f"Review {lakes.title}").click()
    expect(page.get_by_role("heading", name=f"Review: {lakes.title}")).to_be_visible()

    # Keyboard review: drafts come first, best score first.
    drafts = list(lakes.questions.drafts().order_by("-score", "id"))
    page.keyboard.press("j")
    expect_focus_on(page, f"question-{drafts[0].pk}")
    page.keyboard.press("p")
    expect(page.locator("#announce")).to_contain_text("Published:")
    expect(page.locator(f"#question-{drafts[0].pk}")).to_have_class("review-item status-published")
    expect_focus_on(page, f"question-{drafts[0].pk}")  # focus stays on the item
    page.keyboard.press("j")
    page.keyboard.press("p")
    expect(page.locator(f"#question-{drafts[1].pk}")).to_have_class("review-item status-published")
    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(page.locator("#announce")).to_contain_text("Rejected:")
    expect(page.locator(f"#question-{drafts[2].pk}")).to_have_class("review-item status-rejected")

    # Edit a published question in place: j until it has focus, e, fix the prompt, save.
    target = lakes.questions.published().filter(kind=Question.Kind.SHORT_ANSWER).first()
    for _ in range(40):
        if focused_item(page) == f"question-{target.pk}":
            break
        page.keyboard.press("j")
    page.keyboard.press("e")
    prompt = page.locator(f"#question-{target.pk} textarea").first
    expect(prompt).to_be_focused()
    prompt.fill("Which Russian scientist studied Lake Baikal for fifty years?")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#announce")).to_contain_text("Saved your edit")
    expect(page.locator(f"#question-{target.pk} .item-prompt")).to_have_text(
        "Which Russian scientist studied Lake Baikal for fifty years?"
    )
    expect_focus_on(page, f"question-{target.pk}")

    published = dict(lakes.questions.published().values_list("pk", "prompt"))
    assert drafts[0].pk in published and drafts[1].pk in published
    assert drafts[2].pk not in published
    assert Question.objects.get(pk=drafts[2].pk).status == Status.REJECTED
    assert console_errors == []

    # The student's practice quiz holds exactly the published questions.
    page.get_by_role("button", name=f"Log out {teacher.username}").click()
    log_in(page, live_server.url, student.username)
    page.get_by_role("link", name="Browse the library").first.click()
    page.get_by_role("button", name=f"Take a quiz on {lakes.title}").click()
    page.get_by_role("button", name="Finish now").click()
    expect(page.get_by_role("heading", name="Your score")).to_be_visible()
    prompts = page.locator(".answer-review .prompt").all_inner_texts()
    assert sorted(prompts) == sorted(published.values())
    assert "Which Russian scientist studied Lake Baikal for fifty years?" in prompts
    assert console_errors == []
